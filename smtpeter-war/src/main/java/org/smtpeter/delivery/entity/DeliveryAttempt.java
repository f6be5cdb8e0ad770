package org.smtpeter.delivery.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import org.smtpeter.platform.entity.IdentifiedEntity;

/** One try to hand a recipient's copy to the next hop: SMTPeter's "attempts" log. */
@Entity
@Table(name = "delivery_attempt", indexes = {
        @Index(name = "attempt_message", columnList = "message_public_id"),
        @Index(name = "attempt_time", columnList = "started_at")})
public class DeliveryAttempt extends IdentifiedEntity {

    public enum Outcome { DELIVERED, DEFERRED, FAILED }

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "delivery_id", nullable = false)
    private Delivery delivery;

    /** Kept here as well so the log can be filtered without joins. */
    @Column(name = "message_public_id", nullable = false, length = 40)
    private String messagePublicId;

    @Column(nullable = false, length = 320)
    private String recipient;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "duration_millis", nullable = false)
    private long durationMillis;

    @Column(name = "remote_host", length = 255)
    private String remoteHost;

    @Column(name = "remote_ip", length = 64)
    private String remoteIp;

    @Column(nullable = false)
    private int code;

    @Column(name = "enhanced_code", length = 12)
    private String enhancedCode;

    @Column(length = 1000)
    private String reply;

    @Column(name = "tls_protocol", length = 20)
    private String tlsProtocol;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private Outcome outcome;

    protected DeliveryAttempt() {
    }

    public DeliveryAttempt(Delivery delivery, Instant startedAt, long durationMillis, String remoteHost, String remoteIp,
                           int code, String enhancedCode, String reply, String tlsProtocol, Outcome outcome) {
        this.delivery = delivery;
        this.messagePublicId = delivery.getMessage().getPublicId();
        this.recipient = delivery.getRecipient();
        this.startedAt = startedAt;
        this.durationMillis = durationMillis;
        this.remoteHost = remoteHost;
        this.remoteIp = remoteIp;
        this.code = code;
        this.enhancedCode = enhancedCode;
        this.reply = reply == null ? null : reply.substring(0, Math.min(reply.length(), 1000));
        this.tlsProtocol = tlsProtocol;
        this.outcome = outcome;
    }

    public Delivery getDelivery() {
        return delivery;
    }

    public String getMessagePublicId() {
        return messagePublicId;
    }

    public String getRecipient() {
        return recipient;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public long getDurationMillis() {
        return durationMillis;
    }

    public String getRemoteHost() {
        return remoteHost;
    }

    public String getRemoteIp() {
        return remoteIp;
    }

    public int getCode() {
        return code;
    }

    public String getEnhancedCode() {
        return enhancedCode;
    }

    public String getReply() {
        return reply;
    }

    public String getTlsProtocol() {
        return tlsProtocol;
    }

    public Outcome getOutcome() {
        return outcome;
    }
}
