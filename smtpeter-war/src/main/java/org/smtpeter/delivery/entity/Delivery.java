package org.smtpeter.delivery.entity;

import java.time.Duration;
import java.time.Instant;
import java.util.function.IntFunction;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.QueryHint;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.smtpeter.platform.entity.IdentifiedEntity;
import org.smtpeter.messages.entity.Message;

/**
 * One recipient's copy of a message in the outbound queue. Recipients of the same message and
 * domain are sent together in one SMTP transaction, but each keeps its own state and reply,
 * because the next hop may accept one and refuse another.
 */
@Entity
@NamedQuery(name = Delivery.BY_BOUNCE_TOKEN, query = "SELECT d FROM Delivery d WHERE d.bounceToken = :token")
// Messages with their accounts (none for mail to bounce addresses) and envelope recipients: the
// suppression check and the events of every attempt need the account, the delivery reports each
// recipient's NOTIFY, and a load of either would cost a query per message (the recipients' were 2
// of the 23.5 statements per message on PostgreSQL). EclipseLink ignores a JPQL fetch join through
// the alias of another (m.account), so both come by its hint; the result then holds a delivery once
// per recipient of its message.
@NamedQuery(name = Delivery.WITH_MESSAGES, query = "SELECT d FROM Delivery d JOIN FETCH d.message WHERE d.id IN :ids",
        hints = {@QueryHint(name = "eclipselink.left-join-fetch", value = "d.message.account"),
                @QueryHint(name = "eclipselink.left-join-fetch", value = "d.message.recipients")})
@Table(name = "delivery", indexes = {
        @Index(name = "delivery_due", columnList = "state, next_attempt_at"),
        @Index(name = "delivery_message", columnList = "message_id")})
public class Delivery extends IdentifiedEntity {

    public static final String BY_BOUNCE_TOKEN = "Delivery.byBounceToken";
    public static final String WITH_MESSAGES = "Delivery.withMessages";

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "message_id", nullable = false)
    private Message message;

    @Column(nullable = false, length = 320)
    private String recipient;

    /** The part after the last @, lower case: what routing and grouping go by. */
    @Column(nullable = false, length = 255)
    private String domain;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 12)
    private DeliveryState state = DeliveryState.QUEUED;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    /** After this, a temporary failure becomes a permanent one (SMTPeter: 1 day). */
    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "last_attempt_at")
    private Instant lastAttemptAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Column(name = "last_code")
    private Integer lastCode;

    @Column(name = "last_enhanced_code", length = 12)
    private String lastEnhancedCode;

    @Column(name = "last_reply", length = 1000)
    private String lastReply;

    @Column(name = "last_remote_host", length = 255)
    private String lastRemoteHost;

    /** Whether the sender has been told about a delay already (NOTIFY=DELAY sends one notice). */
    @Column(name = "delay_notified", nullable = false)
    private boolean delayNotified;

    /** With bounce tracking: the token of this copy's VERP envelope sender. */
    @Column(name = "bounce_token", unique = true, length = 24)
    private String bounceToken;

    /** While SENDING: the id of the relay instance that claimed it (see org.smtpeter.instances). */
    @Column(name = "claimed_by", length = 36)
    private String claimedBy;

    @Version
    private long version;

    protected Delivery() {
    }

    public Delivery(Message message, String recipient, Instant now, Instant expiresAt) {
        this.message = message;
        this.recipient = recipient;
        this.domain = recipient.substring(recipient.lastIndexOf('@') + 1).toLowerCase(java.util.Locale.ROOT);
        this.nextAttemptAt = now;
        this.expiresAt = expiresAt;
    }

    /**
     * Records an attempt and moves the delivery on: delivered after a 2xx reply; failed when
     * {@code giveUp} (a permanent reply, or the delivery time is over); otherwise deferred until
     * the retry schedule's delay for this many attempts has passed.
     */
    public DeliveryAttempt.Outcome afterAttempt(Instant at, int code, String enhancedCode, String reply,
            String remoteHost, boolean giveUp, IntFunction<Duration> retryDelay) {
        attempted(at, code, enhancedCode, reply, remoteHost);
        if (code >= 200 && code < 300) {
            finish(DeliveryState.DELIVERED, at);
            return DeliveryAttempt.Outcome.DELIVERED;
        }
        if (giveUp) {
            finish(DeliveryState.FAILED, at);
            return DeliveryAttempt.Outcome.FAILED;
        }
        deferredUntil(at.plus(retryDelay.apply(attempts)));
        return DeliveryAttempt.Outcome.DEFERRED;
    }

    /** Whether the time to keep trying is over at {@code now}. */
    public boolean hasExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** The sender hears of a delay once: true the first time a delivery is deferred, false after. */
    public boolean firstDelay() {
        boolean first = !delayNotified;
        delayNotified = true;
        return first;
    }

    private void attempted(Instant at, int code, String enhancedCode, String reply, String remoteHost) {
        attempts++;
        lastAttemptAt = at;
        lastCode = code;
        lastEnhancedCode = enhancedCode;
        lastReply = reply == null ? null : reply.substring(0, Math.min(reply.length(), 1000));
        lastRemoteHost = remoteHost;
    }

    public void delivered(Instant at) {
        finish(DeliveryState.DELIVERED, at);
    }

    public void failed(Instant at) {
        finish(DeliveryState.FAILED, at);
    }

    public void cancelled(Instant at) {
        finish(DeliveryState.CANCELLED, at);
    }

    public void deferredUntil(Instant next) {
        state = DeliveryState.DEFERRED;
        nextAttemptAt = next;
    }

    /**
     * Claimed for an attempt by the relay instance {@code instanceId}: SENDING until the attempt is
     * recorded under {@code lease}, the proof of the claim.
     */
    public void claimed(Instant lease, String instanceId) {
        state = DeliveryState.SENDING;
        nextAttemptAt = lease;
        claimedBy = instanceId;
    }

    /** Put back without counting an attempt, e.g. when the destination is busy. */
    public void requeue(Instant next) {
        state = attempts == 0 ? DeliveryState.QUEUED : DeliveryState.DEFERRED;
        nextAttemptAt = next;
    }

    public void retryNow(Instant now) {
        state = DeliveryState.DEFERRED;
        nextAttemptAt = now;
    }

    public void trackBouncesWith(String token) {
        this.bounceToken = token;
    }

    /** Final at once: the recipient is suppressed for the sending account. */
    public void suppressed(Instant at, String why) {
        lastReply = why;
        finish(DeliveryState.SUPPRESSED, at);
    }


    private void finish(DeliveryState finalState, Instant at) {
        state = finalState;
        finishedAt = at;
    }

    public Message getMessage() {
        return message;
    }

    public String getRecipient() {
        return recipient;
    }

    public String getDomain() {
        return domain;
    }

    public DeliveryState getState() {
        return state;
    }

    public int getAttempts() {
        return attempts;
    }

    public Instant getNextAttemptAt() {
        return nextAttemptAt;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public Instant getLastAttemptAt() {
        return lastAttemptAt;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }

    public Integer getLastCode() {
        return lastCode;
    }

    public String getLastEnhancedCode() {
        return lastEnhancedCode;
    }

    public String getLastReply() {
        return lastReply;
    }

    public String getLastRemoteHost() {
        return lastRemoteHost;
    }

    public String getBounceToken() {
        return bounceToken;
    }

    public String getClaimedBy() {
        return claimedBy;
    }

    public boolean isDelayNotified() {
        return delayNotified;
    }
}
