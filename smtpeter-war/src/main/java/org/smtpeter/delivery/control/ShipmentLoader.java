package org.smtpeter.delivery.control;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.smtpeter.delivery.entity.Delivery;
import org.smtpeter.messages.control.MessageBytes;
import org.smtpeter.messages.control.MessageStore;
import org.smtpeter.messages.entity.Message;
import org.smtpeter.suppressions.control.RecipientsByAccount;
import org.smtpeter.suppressions.control.Suppressions;
import org.smtpeter.suppressions.entity.Suppression;

/**
 * Loads claimed deliveries of one domain as a {@link Shipment}: parcels with the outgoing content
 * (see {@link OutgoingMessages}). A few queries for the whole share, not a few per delivery: the
 * deliveries with their messages, the stored bytes, and the suppressions of each message's
 * account. The caller closes the shipment once it is sent: large messages wait in files.
 */
@Stateless
public class ShipmentLoader {

    @PersistenceContext
    EntityManager em;

    @Inject
    DeliverySettings settings;

    @Inject
    OutgoingMessages outgoing;

    @Inject
    Suppressions suppressions;

    @Inject
    MessageStore store;

    @Inject
    DeliveryEvents events;

    @Inject
    Clock clock;

    public Shipment load(List<DeliveryQueue.Claimed> claimed) {
        List<Long> deliveryIds = claimed.stream().map(DeliveryQueue.Claimed::deliveryId).toList();
        Map<Long, List<Delivery>> byMessage = new LinkedHashMap<>();
        claimed.forEach(c -> byMessage.put(c.messageId(), new ArrayList<>()));
        em.createNamedQuery(Delivery.WITH_MESSAGES, Delivery.class).setParameter("ids", deliveryIds)
                .getResultList().stream().distinct() // a row per recipient of the message (its join)
                .forEach(delivery -> byMessage.get(delivery.getMessage().getId()).add(delivery));
        List<Message> messages = byMessage.values().stream().filter(d -> !d.isEmpty())
                .map(d -> d.get(0).getMessage()).toList();
        Map<Long, Map<String, Suppression>> suppressed = suppressedMeanwhile(messages, byMessage);
        Map<Long, MessageBytes> sources = store.open(messages, settings.spoolDirectory());
        try {
            List<Parcel> parcels = new ArrayList<>();
            for (Message message : messages) {
                // Ids follow the envelope's order, which the next hop sees again in the RCPTs.
                List<Delivery> deliveries = withoutSuppressed(suppressed.getOrDefault(accountId(message), Map.of()),
                        byMessage.get(message.getId()).stream().sorted(Comparator.comparingLong(Delivery::getId)).toList());
                if (!deliveries.isEmpty()) {
                    parcels.addAll(outgoing.parcels(message, sources.get(message.getId()), deliveries));
                }
            }
            return new Shipment(parcels, sources.values());
        } catch (RuntimeException e) {
            new Shipment(List.of(), sources.values()).close();
            throw e;
        }
    }

    /**
     * A later bounce, complaint or operator may have suppressed an address since the mail was
     * queued: the suppressions among the share's recipients, one query per account (not per message).
     */
    private Map<Long, Map<String, Suppression>> suppressedMeanwhile(List<Message> messages,
            Map<Long, List<Delivery>> byMessage) {
        RecipientsByAccount recipients = new RecipientsByAccount();
        for (Message message : messages) {
            if (message.getAccount() != null) {
                byMessage.get(message.getId()).forEach(delivery -> recipients.add(message.getAccount(), delivery.getRecipient()));
            }
        }
        return suppressions.findAny(recipients);
    }

    private static Long accountId(Message message) {
        return message.getAccount() == null ? null : message.getAccount().getId();
    }

    private List<Delivery> withoutSuppressed(Map<String, Suppression> suppressed, List<Delivery> deliveries) {
        if (suppressed.isEmpty()) {
            return deliveries;
        }
        List<Delivery> remaining = new ArrayList<>();
        for (Delivery delivery : deliveries) {
            Suppression suppression = suppressed.get(Suppression.normalize(delivery.getRecipient()));
            if (suppression == null) {
                remaining.add(delivery);
                continue;
            }
            delivery.suppressed(Instant.now(clock), DeliveryQueue.suppressedBecause(suppression));
            events.notSent(delivery, "suppressed", delivery.getLastReply());
        }
        return remaining;
    }
}
