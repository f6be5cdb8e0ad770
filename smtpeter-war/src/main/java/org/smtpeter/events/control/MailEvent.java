package org.smtpeter.events.control;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

import jakarta.json.JsonObject;

/**
 * Something that happened to a message, as the outside world hears of it: on the JMS event topic,
 * and to observers inside the application (metrics) as a CDI event, fired in the transaction that
 * made it happen.
 *
 * @param id         unique per event, so consumers can drop the duplicates at-least-once publication may bring
 * @param messageId  the message's public id
 * @param accountId  null only for mail that belongs to no account
 * @param credential the SMTP user name the message came in with
 * @param recipient  null for events about the whole message (accepted, rejected)
 * @param details    what else belongs to this kind of event (reply, URL, hardness...)
 * @param tags       the message's tags, on every event so that consumers can slice by them without a lookup
 */
public record MailEvent(String id, Type type, Instant occurredAt, String messageId, Long accountId, String account,
                        String credential, String recipient, JsonObject details, List<String> tags) {

    public enum Type {
        ACCEPTED, REJECTED, DELIVERED, DEFERRED, FAILED, BOUNCED, COMPLAINED, OPENED, CLICKED, UNSUBSCRIBED;

        /** The name on the wire: lower case, as in {@code eventType = 'delivered'}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public MailEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(details, "details");
        tags = List.copyOf(Objects.requireNonNull(tags, "tags"));
    }

    /** An event of no tagged message (a rejected submission). */
    public MailEvent(String id, Type type, Instant occurredAt, String messageId, Long accountId, String account,
                     String credential, String recipient, JsonObject details) {
        this(id, type, occurredAt, messageId, accountId, account, credential, recipient, details, List.of());
    }

    public static MailEvent of(Type type, Instant occurredAt, String messageId, Long accountId, String account,
                               String credential, String recipient, JsonObject details) {
        return of(type, occurredAt, messageId, accountId, account, credential, recipient, details, List.of());
    }

    public static MailEvent of(Type type, Instant occurredAt, String messageId, Long accountId, String account,
                               String credential, String recipient, JsonObject details, List<String> tags) {
        return new MailEvent(UUID.randomUUID().toString(), type, occurredAt, messageId, accountId, account, credential,
                recipient, details, tags);
    }
}
