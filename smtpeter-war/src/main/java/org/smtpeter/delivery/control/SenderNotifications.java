package org.smtpeter.delivery.control;

import java.time.Instant;
import java.util.List;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.smtpeter.messages.control.MessageStore;
import org.smtpeter.messages.entity.Message;

/**
 * Mail the relay itself sends to a message's sender with the null sender: delivery status
 * notifications, and notices about what came back for the message. Each is stored and queued
 * like any message, in the caller's transaction.
 */
@Stateless
public class SenderNotifications {

    @PersistenceContext
    EntityManager em;

    @Inject
    DeliveryReports reports;

    @Inject
    DeliveryQueue queue;

    @Inject
    MessageStore store;

    /** One notification for the recipients of {@code original} whose deliveries ended or were delayed. */
    public void report(Message original, List<DeliveryReports.Entry> entries, Instant now) {
        byte[] returned = store.read(original, DeliveryReports.returnedLimit(original));
        queue(reports.compose(original, returned, entries, now));
    }

    /** Sends {@code raw}, a notice about what came back for a message, to its sender. */
    public void forwardToSender(Message original, byte[] raw, Instant now) {
        queue(reports.toSender(original, raw, now));
    }

    private void queue(DeliveryReports.Notification notification) {
        em.persist(notification.message());
        store.write(notification.message(), notification.raw());
        queue.enqueue(notification.message());
    }
}
