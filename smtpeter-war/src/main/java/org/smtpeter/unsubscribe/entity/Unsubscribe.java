package org.smtpeter.unsubscribe.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import org.smtpeter.platform.entity.IdentifiedEntity;

/**
 * A recipient who unsubscribed from one message, for the message's timeline and the statistics;
 * the suppression it caused lives on in the account's list, which an operator may clear.
 * One row per message and recipient: a second POST of the same link changes nothing.
 */
@Entity
@Table(name = "unsubscribe")
@NamedQuery(name = Unsubscribe.OF_COPY, query = "SELECT u FROM Unsubscribe u"
        + " WHERE u.messagePublicId = :message AND u.recipient = :recipient")
@NamedQuery(name = Unsubscribe.OF_MESSAGE, query = "SELECT u FROM Unsubscribe u"
        + " WHERE u.messagePublicId = :message ORDER BY u.occurredAt, u.id")
public class Unsubscribe extends IdentifiedEntity {

    public static final String OF_COPY = "Unsubscribe.ofCopy";
    public static final String OF_MESSAGE = "Unsubscribe.ofMessage";

    /** How the recipient asked: the RFC 8058 POST, or mail to the mailto address. */
    public enum Method { ONE_CLICK, MAILTO }

    @Column(name = "account_id", nullable = false)
    private long accountId;

    @Column(name = "message_public_id", nullable = false, length = 40)
    private String messagePublicId;

    @Column(nullable = false, length = 320)
    private String recipient;

    @Column(nullable = false, length = 10)
    private String method;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(length = 64)
    private String ip;

    @Column(name = "user_agent", length = 1000)
    private String userAgent;

    protected Unsubscribe() {
    }

    public Unsubscribe(long accountId, String messagePublicId, String recipient, Method method, Instant occurredAt,
                       String ip, String userAgent) {
        this.accountId = accountId;
        this.messagePublicId = messagePublicId;
        this.recipient = recipient;
        this.method = method.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        this.occurredAt = occurredAt;
        this.ip = ip;
        this.userAgent = userAgent == null ? null : userAgent.substring(0, Math.min(userAgent.length(), 1000));
    }

    public long getAccountId() {
        return accountId;
    }

    public String getMessagePublicId() {
        return messagePublicId;
    }

    public String getRecipient() {
        return recipient;
    }

    /** {@code one-click} or {@code mailto}. */
    public String getMethod() {
        return method;
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
}
