package org.smtpeter.bounces.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

import org.smtpeter.platform.entity.IdentifiedEntity;
import org.smtpeter.suppressions.entity.Suppression;

/**
 * Something that came back for one recipient of one message: a refusal our own queue saw, a
 * delivery status notification, a non-standard bounce, an auto-reply or a complaint. The
 * "bounces", "failures", "responses" and "abuses" logs are views of this table.
 */
@Entity
@Table(name = "bounce", indexes = {
        @Index(name = "bounce_message", columnList = "message_public_id"),
        @Index(name = "bounce_recipient", columnList = "account_id, recipient")})
public class Bounce extends IdentifiedEntity {

    /** What came back was passed on to the original sender, inside a notice of the relay's. */
    public static final String FORWARDED = "forwarded";
    /** The credential does not forward, there is no sender, or a DSN for NOTIFY=NEVER. */
    public static final String NOT_FORWARDED = "not-wanted";
    /** Too much came back to this address or from this client within the window. */
    public static final String OVER_FORWARDING_LIMIT = "over-limit";

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(name = "account_id")
    private Long accountId;

    /** The message that bounced. */
    @Column(name = "message_public_id", length = 40)
    private String messagePublicId;

    @Column(nullable = false, length = 320)
    private String recipient;

    /**
     * The address the report named, when it differs from {@link #recipient} (a report naming
     * several recipients, an alias expanded by the receiver); null when it is the same or none.
     */
    @Column(name = "reported_recipient", length = 320)
    private String reportedRecipient;

    /** smtp-failure, dsn-failure, non-standard, auto-reply, complaint, unknown. */
    @Column(nullable = false, length = 20)
    private String kind;

    /** SMTPeter's buckets: failure, bounce, response. */
    @Column(nullable = false, length = 10)
    private String bucket;

    /** hard or soft; null for auto-replies and complaints. */
    @Column(length = 4)
    private String hardness;

    @Column(length = 12)
    private String status;

    @Column(length = 30)
    private String category;

    @Column(length = 1000)
    private String diagnostic;

    /** The incoming message that carried it (a DSN, an auto-reply...); null for our own queue's refusals. */
    @Column(name = "source_message_public_id", length = 40)
    private String sourceMessagePublicId;

    /** {@link #FORWARDED}, {@link #NOT_FORWARDED} or {@link #OVER_FORWARDING_LIMIT}; null for our own queue's refusals. */
    @Column(length = 12)
    private String forwarding;

    protected Bounce() {
    }

    public Bounce(Instant occurredAt, Long accountId, String messagePublicId, String recipient, String kind, String bucket,
                  String hardness, String status, String category, String diagnostic, String sourceMessagePublicId) {
        this.occurredAt = occurredAt;
        this.accountId = accountId;
        this.messagePublicId = messagePublicId;
        this.recipient = Suppression.normalize(recipient);
        this.kind = kind;
        this.bucket = bucket;
        this.hardness = hardness;
        this.status = status;
        this.category = category;
        this.diagnostic = diagnostic == null ? null : diagnostic.substring(0, Math.min(diagnostic.length(), 1000));
        this.sourceMessagePublicId = sourceMessagePublicId;
    }

    /** Names the address the report was about, when it is not {@link #getRecipient()}. */
    public Bounce reportedAbout(String address) {
        String normalized = address == null ? null : Suppression.normalize(address);
        this.reportedRecipient = normalized == null || normalized.equals(recipient) ? null : normalized;
        return this;
    }

    public String getReportedRecipient() {
        return reportedRecipient;
    }

    public void forwarding(String outcome) {
        this.forwarding = outcome;
    }

    public Instant getOccurredAt() {
        return occurredAt;
    }

    public Long getAccountId() {
        return accountId;
    }

    public String getMessagePublicId() {
        return messagePublicId;
    }

    public String getRecipient() {
        return recipient;
    }

    public String getKind() {
        return kind;
    }

    public String getBucket() {
        return bucket;
    }

    public String getHardness() {
        return hardness;
    }

    public String getStatus() {
        return status;
    }

    public String getCategory() {
        return category;
    }

    public String getDiagnostic() {
        return diagnostic;
    }

    public String getSourceMessagePublicId() {
        return sourceMessagePublicId;
    }

    public String getForwarding() {
        return forwarding;
    }
}
