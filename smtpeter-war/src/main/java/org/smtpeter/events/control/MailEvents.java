package org.smtpeter.events.control;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.smtpeter.events.entity.OutboxEvent;
import org.smtpeter.messages.entity.Message;
import org.smtpeter.platform.control.Jsonp;

/**
 * Records what happens to an account's messages, in the caller's transaction: observers in the
 * application see it as a CDI event, and when a topic is configured it goes to the outbox, from
 * which {@link EventPublisher} takes it to JMS. Only mail an account sent with one of its
 * credentials is published: the relay's own notifications and forwarded bounces (which carry the
 * account but no credential) are seen by observers (metrics count their delivery attempts) but a
 * subscriber never hears of a message it did not send. Bounces coming in belong to no account.
 */
@ApplicationScoped
public class MailEvents {

    static final JsonObject NO_DETAILS = Jsonp.object().build();

    @PersistenceContext
    EntityManager em;

    @Inject
    Event<MailEvent> observers;

    @Inject
    EventSettings settings;

    @Inject
    Clock clock;

    public void record(MailEvent.Type type, Message message, String recipient, JsonObject details) {
        if (message.getAccount() == null) {
            return;
        }
        record(MailEvent.of(type, Instant.now(clock), message.getPublicId(), message.getAccount().getId(),
                message.getAccount().getName(), message.getCredentialUsername(), recipient, details, message.getTags()));
    }

    /** For events that only know the message's public id (a click, a bounce). */
    public void record(MailEvent.Type type, String messageId, String recipient, JsonObject details) {
        em.createNamedQuery(Message.BY_PUBLIC_ID, Message.class).setParameter("publicId", messageId)
                .getResultStream().findFirst()
                .ifPresent(message -> record(type, message, recipient, details));
    }

    public void record(MailEvent event) {
        observers.fire(event);
        if (settings.publishes() && (event.credential() != null || event.type() == MailEvent.Type.REJECTED)) {
            em.persist(new OutboxEvent(event.id(), event.type().wireName(), event.messageId(), event.accountId(),
                    event.account(), event.credential(), EventJson.of(event), event.occurredAt()));
        }
    }
}
