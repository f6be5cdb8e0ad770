package org.smtpeter.events.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

import org.smtpeter.platform.entity.IdentifiedEntity;

/**
 * An event waiting to be published on the JMS topic. It is written in the same transaction as
 * what it reports, so the mail path never waits for the broker, and deleted once the broker has it;
 * a failed publication stays here and is tried again later, oldest first, so that subscribers
 * still get each message's events in order.
 */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent extends IdentifiedEntity {

    @Column(name = "event_id", nullable = false, length = 36)
    private String eventId;

    @Column(name = "event_type", nullable = false, length = 12)
    private String eventType;

    @Column(name = "message_id", length = 40)
    private String messageId;

    @Column(name = "account_id")
    private Long accountId;

    @Column(length = 100)
    private String account;

    @Column(length = 100)
    private String credential;

    /** The JSON body of the JMS message. */
    @Lob
    @Column(nullable = false)
    private String payload;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    private int attempts;

    @Column(name = "last_error", length = 500)
    private String lastError;

    protected OutboxEvent() {
    }

    public OutboxEvent(String eventId, String eventType, String messageId, Long accountId, String account,
                       String credential, String payload, Instant occurredAt) {
        this.eventId = eventId;
        this.eventType = eventType;
        this.messageId = messageId;
        this.accountId = accountId;
        this.account = account;
        this.credential = credential;
        this.payload = payload;
        this.occurredAt = occurredAt;
    }

    /** The broker refused or was away: counted, with the reason, for operators. */
    public void failed(String error) {
        attempts++;
        lastError = error == null ? null : error.substring(0, Math.min(error.length(), 500));
    }

    public String getEventId() {
        return eventId;
    }

    public String getEventType() {
        return eventType;
    }

    public String getMessageId() {
        return messageId;
    }

    public Long getAccountId() {
        return accountId;
    }

    public String getAccount() {
        return account;
    }

    public String getCredential() {
        return credential;
    }

    public String getPayload() {
        return payload;
    }

    public Instant getOccurredAt() {
        return occurredAt;
    }

    public int getAttempts() {
        return attempts;
    }

    public String getLastError() {
        return lastError;
    }
}
