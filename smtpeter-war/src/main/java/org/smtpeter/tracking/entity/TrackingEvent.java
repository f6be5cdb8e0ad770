package org.smtpeter.tracking.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

import org.smtpeter.platform.entity.IdentifiedEntity;

/**
 * One click or one open, as SMTPeter's "clicks" and "opens" logs record them. Every fetch is
 * kept; first opens and first clicks are the earliest per message and recipient.
 */
@Entity
@Table(name = "tracking_event", indexes = {
        @Index(name = "tracking_message", columnList = "message_public_id"),
        @Index(name = "tracking_time", columnList = "occurred_at")})
public class TrackingEvent extends IdentifiedEntity {

    public enum Kind { CLICK, OPEN }

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 5)
    private Kind kind;

    @Column(name = "message_public_id", nullable = false, length = 40)
    private String messagePublicId;

    @Column(nullable = false, length = 320)
    private String recipient;

    /** The link's or image's place in the message, so the same URL twice counts as two. */
    @Column(nullable = false)
    private int position;

    /** The original URL; empty for the pixel. */
    @Column(length = 4000)
    private String url;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(length = 64)
    private String ip;

    @Column(name = "user_agent", length = 1000)
    private String userAgent;

    /** Fetched by a privacy proxy or a scanner rather than seen by a person. */
    @Column(nullable = false)
    private boolean machine;

    protected TrackingEvent() {
    }

    public TrackingEvent(Kind kind, String messagePublicId, String recipient, int position, String url,
                         Instant occurredAt, String ip, String userAgent, boolean machine) {
        this.kind = kind;
        this.messagePublicId = messagePublicId;
        this.recipient = recipient;
        this.position = position;
        this.url = url == null ? null : url.substring(0, Math.min(url.length(), 4000));
        this.occurredAt = occurredAt;
        this.ip = ip;
        this.userAgent = userAgent == null ? null : userAgent.substring(0, Math.min(userAgent.length(), 1000));
        this.machine = machine;
    }

    public Kind getKind() {
        return kind;
    }

    public String getMessagePublicId() {
        return messagePublicId;
    }

    public String getRecipient() {
        return recipient;
    }

    public int getPosition() {
        return position;
    }

    public String getUrl() {
        return url;
    }

    public Instant getOccurredAt() {
        return occurredAt;
    }

    public String getIp() {
        return ip;
    }

    public String getUserAgent() {
        return userAgent;
    }

    public boolean isMachine() {
        return machine;
    }
}
