package org.smtpeter.events.control;

import java.util.List;

import javax.naming.NamingException;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.smtpeter.events.entity.OutboxEvent;
import org.smtpeter.platform.control.Jndi;
import org.smtpeter.platform.control.RowLocks;

/**
 * Moves events from the outbox to the topic, oldest first. The send and the delete share one transaction
 * (an XA one where the server's JMS connection factory takes part, as Payara Server's does), so an
 * event leaves the outbox only once the broker has it; a crash in between can at worst publish it
 * twice, which the event id lets consumers notice.
 */
@Stateless
public class EventOutbox {

    static final int BATCH = 100;

    @PersistenceContext
    EntityManager em;

    @Inject
    EventSettings settings;

    @Resource
    SessionContext context;

    /** What one round did: how many went out, or why none did (their ids wait for {@link #postpone}). */
    public record Round(int published, List<Long> failedIds, String error) {

        boolean full() {
            return published == BATCH;
        }
    }

    /** Publishes the oldest waiting events; when the broker fails, none of them leaves the outbox. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Round publishOldest() {
        @SuppressWarnings("unchecked")
        List<Number> oldest = em.createNativeQuery("SELECT id FROM outbox_event ORDER BY id LIMIT ?1"
                        + RowLocks.forUpdate(em))
                .setParameter(1, BATCH)
                .getResultList();
        if (oldest.isEmpty()) {
            return new Round(0, List.of(), null);
        }
        List<Long> ids = oldest.stream().map(Number::longValue).sorted().toList();
        List<OutboxEvent> events = ids.stream().map(id -> em.find(OutboxEvent.class, id)).toList();
        try {
            send(events);
        } catch (NamingException | JMSException | JMSRuntimeException unavailable) {
            context.setRollbackOnly();
            return new Round(0, ids, unavailable.toString());
        }
        events.forEach(em::remove);
        return new Round(events.size(), List.of(), null);
    }

    /** Counts the failed try on each event, for {@link #backlog()}; when to try again is the publisher's. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void failed(List<Long> ids, String error) {
        for (Long id : ids) {
            OutboxEvent event = em.find(OutboxEvent.class, id);
            if (event != null) {
                event.failed(error);
            }
        }
    }

    /** How the outbox stands, for operators: a growing count with attempts means the broker is away. */
    public record Backlog(long waiting, int mostAttempts, String lastError) {
    }

    public Backlog backlog() {
        long waiting = em.createQuery("SELECT COUNT(e) FROM OutboxEvent e", Long.class).getSingleResult();
        List<OutboxEvent> worst = em.createQuery("SELECT e FROM OutboxEvent e ORDER BY e.attempts DESC, e.id",
                OutboxEvent.class).setMaxResults(1).getResultList();
        return worst.isEmpty() ? new Backlog(waiting, 0, null)
                : new Backlog(waiting, worst.get(0).getAttempts(), worst.get(0).getLastError());
    }

    private void send(List<OutboxEvent> events) throws NamingException, JMSException {
        ConnectionFactory factory = Jndi.lookup(settings.connectionFactory(), ConnectionFactory.class);
        Topic topic = Jndi.lookup(settings.topic(), Topic.class);
        try (JMSContext jms = factory.createContext()) {
            JMSProducer producer = jms.createProducer();
            for (OutboxEvent event : events) {
                producer.send(topic, message(jms, event));
            }
        }
    }

    /** The JSON body, and the fields subscribers select on as message properties. */
    private static TextMessage message(JMSContext jms, OutboxEvent event) throws JMSException {
        TextMessage message = jms.createTextMessage(event.getPayload());
        message.setStringProperty("eventId", event.getEventId());
        message.setStringProperty("eventType", event.getEventType());
        setIfPresent(message, "messageId", event.getMessageId());
        setIfPresent(message, "account", event.getAccount());
        setIfPresent(message, "credential", event.getCredential());
        if (event.getAccountId() != null) {
            message.setLongProperty("accountId", event.getAccountId());
        }
        return message;
    }

    private static void setIfPresent(TextMessage message, String name, String value) throws JMSException {
        if (value != null) {
            message.setStringProperty(name, value);
        }
    }
}
