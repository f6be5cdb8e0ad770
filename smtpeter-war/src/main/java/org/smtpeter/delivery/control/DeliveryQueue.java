package org.smtpeter.delivery.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import org.smtpeter.bounces.control.BounceAddresses;
import org.smtpeter.bounces.control.Bounces;
import org.smtpeter.bounces.control.Suppressions;
import org.smtpeter.bounces.entity.Suppression;
import org.smtpeter.delivery.entity.Delivery;
import org.smtpeter.delivery.entity.DeliveryAttempt;
import org.smtpeter.delivery.entity.DeliveryState;
import org.smtpeter.events.control.MailEvent;
import org.smtpeter.events.control.MailEvents;
import org.smtpeter.features.control.MessageBytes;
import org.smtpeter.instances.control.Instances;
import org.smtpeter.messages.control.MessageStore;
import org.smtpeter.messages.entity.EnvelopeRecipient;
import org.smtpeter.messages.entity.Message;
import org.smtpeter.platform.control.RowLocks;
import org.smtpeter.platform.entity.UtcTimestamps;

/**
 * The durable outbound queue: one {@link Delivery} per recipient, claimed by workers with
 * {@code SELECT ... FOR UPDATE SKIP LOCKED} so that several instances sharing one PostgreSQL
 * database never send the same delivery at the same time.
 */
@Stateless
public class DeliveryQueue {

    /**
     * Written into next_attempt_at at a claim: with the instance id, the proof of the claim when the
     * attempt is recorded. It frees nothing by itself: the claims of a dead instance are put back by
     * the live ones ({@link Instances}); only claims from before instances existed expire with it.
     */
    static final Duration LEASE = Duration.ofHours(2);

    @PersistenceContext
    EntityManager em;

    @Inject
    DeliverySettings settings;

    @Inject
    OutgoingMessages outgoing;

    @Inject
    DeliveryReports reports;

    @Inject
    Event<MessageQueued> queued;

    @Inject
    Suppressions suppressions;

    @Inject
    BounceAddresses bounceAddresses;

    @Inject
    Bounces bounces;

    @Inject
    MailEvents events;

    @Inject
    MessageStore store;

    @Inject
    Instances instances;

    private final Clock clock = Clock.tickMillis(java.time.ZoneOffset.UTC);

    /** Queues one delivery per recipient; joins the caller's transaction. */
    public void enqueue(Message message) {
        Instant now = Instant.now(clock);
        Instant expires = now.plus(settings.maxDeliveryTime());
        boolean trackBounces = message.getAccount() != null && message.getFeatures() != null
                && message.getFeatures().contains("trackbounces");
        for (EnvelopeRecipient recipient : message.getRecipients()) {
            Delivery delivery = new Delivery(message, recipient.getAddress(), now, expires);
            if (message.getAccount() != null) {
                suppressions.find(message.getAccount(), recipient.getAddress()).ifPresent(suppression -> {
                    delivery.suppressed(now, "not sent: the address is on the account's suppression list ("
                            + suppression.getReason() + ")");
                    notSent(delivery, "suppressed", delivery.getLastReply());
                });
            }
            if (trackBounces && !delivery.getState().isFinal()) {
                delivery.trackBouncesWith(bounceAddresses.newToken());
            }
            em.persist(delivery);
        }
        queued.fire(new MessageQueued(message.getPublicId()));
    }

    /**
     * Claims up to {@code limit} due deliveries, oldest first, and marks them SENDING, claimed by this
     * instance: one locking select and one update for all of them. Nothing before this instance is
     * registered, since unregistered claims look like a dead instance's.
     */
    public List<Claimed> claim(int limit) {
        if (!instances.registered()) {
            return List.of();
        }
        Instant now = Instant.now(clock);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(claimSql())
                .setParameter(1, UtcTimestamps.toTimestamp(now))
                .setParameter(2, limit)
                .getResultList();
        if (rows.isEmpty()) {
            return List.of();
        }
        // Millisecond precision survives every database, so the lease can be compared when recording.
        Instant lease = now.plus(LEASE).truncatedTo(ChronoUnit.MILLIS);
        List<Claimed> claimed = rows.stream()
                .map(row -> new Claimed(((Number) row[0]).longValue(), ((Number) row[1]).longValue(), (String) row[2], lease))
                .toList();
        // The ids are numbers read just above, so writing them into the statement is safe.
        String ids = claimed.stream().map(c -> Long.toString(c.deliveryId())).collect(Collectors.joining(","));
        em.createNativeQuery("UPDATE delivery SET state = 'SENDING', next_attempt_at = ?1, claimed_by = ?2,"
                        + " version = version + 1 WHERE id IN (" + ids + ")")
                .setParameter(1, UtcTimestamps.toTimestamp(lease))
                .setParameter(2, instances.id())
                .executeUpdate();
        return claimed;
    }

    /** A claimed delivery: enough to group and to load it again, and the lease that proves the claim. */
    public record Claimed(long deliveryId, long messageId, String domain, Instant lease) {
    }

    /**
     * The parcels for claimed deliveries of one domain, with the outgoing content (see
     * {@link OutgoingMessages}). A few queries for the whole share, not a few per delivery: the
     * deliveries with their messages, the stored bytes, and the suppressions of each message's
     * account. The caller closes the shipment once it is sent: large messages wait in files.
     */
    public Shipment parcels(List<Claimed> claimed) {
        List<Long> deliveryIds = claimed.stream().map(Claimed::deliveryId).toList();
        Map<Long, List<Delivery>> byMessage = new LinkedHashMap<>();
        claimed.forEach(c -> byMessage.put(c.messageId(), new ArrayList<>()));
        em.createNamedQuery(Delivery.WITH_MESSAGES, Delivery.class).setParameter("ids", deliveryIds)
                .getResultList()
                .forEach(delivery -> byMessage.get(delivery.getMessage().getId()).add(delivery));
        List<Message> messages = byMessage.values().stream().filter(d -> !d.isEmpty())
                .map(d -> d.get(0).getMessage()).toList();
        Map<Long, MessageBytes> sources = store.open(messages, settings.spoolDirectory());
        try {
            List<Parcel> parcels = new ArrayList<>();
            for (Message message : messages) {
                // Ids follow the envelope's order, which the next hop sees again in the RCPTs.
                List<Delivery> deliveries = withoutSuppressedMeanwhile(message, byMessage.get(message.getId()).stream()
                        .sorted(Comparator.comparingLong(Delivery::getId)).toList());
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

    /** A later bounce, complaint or operator may have suppressed an address since the mail was queued. */
    private List<Delivery> withoutSuppressedMeanwhile(Message message, List<Delivery> deliveries) {
        if (message.getAccount() == null) {
            return deliveries;
        }
        Map<String, Suppression> suppressed = suppressions.findAny(message.getAccount(),
                deliveries.stream().map(Delivery::getRecipient).toList());
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
            delivery.suppressed(Instant.now(clock), "not sent: the address is on the account's suppression list ("
                    + suppression.getReason() + ")");
            notSent(delivery, "suppressed", delivery.getLastReply());
        }
        return remaining;
    }

    /** Records the attempt of each delivery, moves it on, and queues the notifications the sender asked for. */
    public void record(List<AttemptResult> results, List<Claimed> claims) {
        Instant now = Instant.now(clock);
        Map<Long, Instant> leases = new java.util.HashMap<>();
        claims.forEach(claim -> leases.put(claim.deliveryId(), claim.lease()));
        Map<Message, List<DeliveryReports.Entry>> notices = new LinkedHashMap<>();
        if (results.isEmpty()) {
            return;
        }
        // Loads them all, with their messages, in one query; the finds below are then answered from memory.
        em.createNamedQuery(Delivery.WITH_MESSAGES, Delivery.class)
                .setParameter("ids", results.stream().map(AttemptResult::deliveryId).toList())
                .getResultList();
        for (AttemptResult result : results) {
            Delivery delivery = em.find(Delivery.class, result.deliveryId());
            if (delivery.getState() != DeliveryState.SENDING
                    || !delivery.getNextAttemptAt().equals(leases.get(delivery.getId()))) {
                continue; // cancelled by an operator meanwhile, or our claim lapsed and another worker has it
            }
            if (result.busy()) {
                delivery.requeue(now.plusSeconds(1));
                continue;
            }
            Reply reply = result.reply();
            String remoteHost = result.hop() == null ? null : result.hop().host();
            DeliveryAttempt.Outcome outcome;
            DeliveryReports.Action notice = null;
            if (reply.isSuccess()) {
                outcome = DeliveryAttempt.Outcome.DELIVERED;
                delivery.attempted(now, reply.code(), reply.enhancedCode(), reply.text(), remoteHost);
                delivery.delivered(now);
                notice = DeliveryReports.Action.DELIVERED;
            } else if (reply.isPermanent() || !now.isBefore(delivery.getExpiresAt())) {
                outcome = DeliveryAttempt.Outcome.FAILED;
                if (!reply.isPermanent()) {
                    reply = Reply.local("4.4.7", "delivery time expired after " + (delivery.getAttempts() + 1)
                            + " attempts; last reply: " + reply);
                }
                delivery.attempted(now, reply.code(), reply.enhancedCode(), reply.text(), remoteHost);
                delivery.failed(now);
                notice = DeliveryReports.Action.FAILED;
                bounces.refusedByNextHop(delivery, reply.code(), reply.enhancedCode(), reply.toString());
            } else {
                outcome = DeliveryAttempt.Outcome.DEFERRED;
                delivery.attempted(now, reply.code(), reply.enhancedCode(), reply.text(), remoteHost);
                delivery.deferredUntil(now.plus(settings.retryDelay(delivery.getAttempts())));
                if (!delivery.isDelayNotified()) {
                    delivery.markDelayNotified();
                    notice = DeliveryReports.Action.DELAYED;
                }
            }
            em.persist(new DeliveryAttempt(delivery, result.startedAt(), result.millis(), remoteHost,
                    result.hop() == null ? null : result.hop().address().getHostAddress(),
                    reply.code(), reply.enhancedCode(), reply.text(), result.tls(), outcome));
            events.record(eventType(outcome), delivery.getMessage(), delivery.getRecipient(),
                    attemptDetails(delivery, reply, remoteHost, result.millis()));
            if (notice != null && reports.isWanted(delivery, notice)) {
                notices.computeIfAbsent(delivery.getMessage(), m -> new ArrayList<>())
                        .add(new DeliveryReports.Entry(delivery, notice, reply, remoteHost, now));
            }
        }
        notices.forEach((message, entries) -> queueNotification(message, entries, now));
    }

    private static MailEvent.Type eventType(DeliveryAttempt.Outcome outcome) {
        return switch (outcome) {
            case DELIVERED -> MailEvent.Type.DELIVERED;
            case DEFERRED -> MailEvent.Type.DEFERRED;
            case FAILED -> MailEvent.Type.FAILED;
        };
    }

    /** A delivery that ends without an attempt is, to subscribers, a failure with its reason. */
    private void notSent(Delivery delivery, String reason, String text) {
        events.record(MailEvent.Type.FAILED, delivery.getMessage(), delivery.getRecipient(), Json.createObjectBuilder()
                .add("reason", reason)
                .add("reply", text)
                .build());
    }

    private static JsonObject attemptDetails(Delivery delivery, Reply reply, String remoteHost, long millis) {
        JsonObjectBuilder details = Json.createObjectBuilder()
                .add("attempt", delivery.getAttempts())
                .add("code", reply.code())
                .add("reply", reply.text() == null ? "" : reply.text())
                .add("durationMillis", millis);
        if (reply.enhancedCode() != null) {
            details.add("enhancedCode", reply.enhancedCode());
        }
        if (remoteHost != null) {
            details.add("remoteHost", remoteHost);
        }
        if (delivery.getState() == DeliveryState.DEFERRED) {
            details.add("nextAttemptAt", delivery.getNextAttemptAt().toString());
        }
        return details.build();
    }

    /** Puts deliveries back when a worker could not even try them (an unexpected failure). */
    public void release(List<Long> deliveryIds, Duration delay) {
        Instant next = Instant.now(clock).plus(delay);
        for (Long id : deliveryIds) {
            Delivery delivery = em.find(Delivery.class, id);
            // Ours only: once put back by another instance, it may be another's claim by now.
            if (delivery != null && delivery.getState() == DeliveryState.SENDING
                    && instances.id().equals(delivery.getClaimedBy())) {
                delivery.requeue(next);
            }
        }
    }

    public Optional<Delivery> retryNow(long id) {
        Optional<Delivery> delivery = waiting(id);
        delivery.ifPresent(d -> {
            d.retryNow(Instant.now(clock));
            queued.fire(new MessageQueued(d.getMessage().getPublicId()));
        });
        return delivery;
    }

    public Optional<Delivery> cancel(long id) {
        Optional<Delivery> delivery = waiting(id);
        delivery.ifPresent(d -> {
            d.cancelled(Instant.now(clock));
            notSent(d, "cancelled", "cancelled by an operator");
        });
        return delivery;
    }

    /**
     * The delivery if it waits (queued or deferred), locked until the operator's change commits: a
     * claim passes it by meanwhile. One that is being sent belongs to its worker until the attempt
     * is recorded, so an operator can no longer change it (and never races the worker's update).
     */
    private Optional<Delivery> waiting(long id) {
        return Optional.ofNullable(em.find(Delivery.class, id, LockModeType.PESSIMISTIC_WRITE))
                .filter(d -> d.getState() == DeliveryState.DEFERRED || d.getState() == DeliveryState.QUEUED);
    }

    private void queueNotification(Message original, List<DeliveryReports.Entry> entries, Instant now) {
        byte[] returned = store.read(original, DeliveryReports.returnedLimit(original));
        queue(reports.compose(original, returned, entries, now));
    }

    /** Sends {@code raw}, a notice about what came back for a message, to its sender with the null sender. */
    public void forwardToSender(Message original, byte[] raw, Instant now) {
        queue(reports.toSender(original, raw, now));
    }

    private void queue(DeliveryReports.Notification notification) {
        em.persist(notification.message());
        store.write(notification.message(), notification.raw());
        enqueue(notification.message());
    }

    private String claimSql() {
        return "SELECT id, message_id, domain FROM delivery"
                + " WHERE state IN ('QUEUED', 'DEFERRED') AND next_attempt_at <= ?1"
                + " ORDER BY next_attempt_at LIMIT ?2" + RowLocks.forUpdate(em);
    }
}
