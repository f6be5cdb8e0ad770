package org.smtpeter.delivery.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import org.smtpeter.delivery.entity.Delivery;
import org.smtpeter.delivery.entity.DeliveryState;
import org.smtpeter.instances.control.Instances;
import org.smtpeter.messages.entity.EnvelopeRecipient;
import org.smtpeter.messages.entity.Message;
import org.smtpeter.platform.control.RowLocks;
import org.smtpeter.platform.entity.UtcTimestamps;
import org.smtpeter.suppressions.control.RecipientsByAccount;
import org.smtpeter.suppressions.control.Suppressions;
import org.smtpeter.suppressions.entity.Suppression;

/**
 * The durable outbound queue: one {@link Delivery} per recipient, claimed by workers with
 * {@code SELECT ... FOR UPDATE SKIP LOCKED} so that several instances sharing one PostgreSQL
 * database never send the same delivery at the same time; released, retried and cancelled here
 * too. Loading a claimed share is {@link ShipmentLoader}'s, what follows an attempt
 * {@link AfterAttempt}'s.
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
    Event<MessageQueued> queued;

    @Inject
    Event<FreshDeliveries> freshlyClaimed;

    @Inject
    FreshClaims fresh;

    @Inject
    Suppressions suppressions;

    @Inject
    BounceAddresses bounceAddresses;

    @Inject
    DeliveryEvents events;

    @Inject
    Instances instances;

    @Inject
    Clock clock;

    /** Queues one delivery per recipient; joins the caller's transaction. */
    public void enqueue(Message message) {
        enqueueAll(List.of(message));
    }

    /** The same for several messages, with one query per account for the suppressed among their recipients. */
    public void enqueueAll(List<Message> messages) {
        enqueue(messages, Optional.empty());
    }

    /**
     * The same, with the deliveries claimed for this instance at once when its scheduler takes new
     * mail now ({@link FreshClaims}): after the commit it sends them without claiming them again.
     */
    public void enqueueAndClaim(List<Message> messages) {
        enqueue(messages, fresh.claimTime());
    }

    private void enqueue(List<Message> messages, Optional<Instant> claimTime) {
        Instant now = Instant.now(clock);
        Instant expires = now.plus(settings.maxDeliveryTime());
        Optional<Instant> lease = claimTime.map(DeliveryQueue::leaseFor);
        List<Claimed> claimed = new ArrayList<>();
        Map<Long, Map<String, Suppression>> suppressed = suppressions.findAny(recipientsByAccount(messages));
        for (Message message : messages) {
            boolean trackBounces = message.getAccount() != null && message.getFeatures() != null
                    && message.getFeatures().contains("trackbounces");
            Map<String, Suppression> ofAccount = message.getAccount() == null ? Map.of()
                    : suppressed.getOrDefault(message.getAccount().getId(), Map.of());
            boolean unclaimed = false;
            for (EnvelopeRecipient recipient : message.getRecipients()) {
                Delivery delivery = new Delivery(message, recipient.getAddress(), now, expires);
                Suppression suppression = ofAccount.get(Suppression.normalize(recipient.getAddress()));
                if (suppression != null) {
                    delivery.suppressed(now, suppressedBecause(suppression));
                    events.notSent(delivery, "suppressed", delivery.getLastReply());
                }
                if (trackBounces && !delivery.getState().isFinal()) {
                    delivery.trackBouncesWith(bounceAddresses.newToken());
                }
                if (lease.isPresent() && !delivery.getState().isFinal()) {
                    delivery.claimed(lease.get(), fresh.claimant());
                }
                em.persist(delivery); // the id comes from the sequence here, before the flush
                if (delivery.getState() == DeliveryState.SENDING) {
                    claimed.add(new Claimed(delivery.getId(), message.getId(), delivery.getDomain(), lease.get()));
                } else {
                    unclaimed |= !delivery.getState().isFinal();
                }
            }
            if (unclaimed) {
                queued.fire(new MessageQueued(message.getPublicId()));
            }
        }
        if (!claimed.isEmpty()) {
            freshlyClaimed.fire(new FreshDeliveries(lease.get(), claimed));
        }
    }

    private static RecipientsByAccount recipientsByAccount(List<Message> messages) {
        RecipientsByAccount recipients = new RecipientsByAccount();
        messages.stream().filter(message -> message.getAccount() != null).forEach(message -> message.getRecipients()
                .forEach(recipient -> recipients.add(message.getAccount(), recipient.getAddress())));
        return recipients;
    }

    /**
     * Claims up to {@code limit} deliveries due at {@code now}, oldest first, and marks them SENDING,
     * claimed by this instance under the lease {@link #leaseFor leaseFor(now)}: one locking select and
     * one update for all of them. Nothing before this instance is registered, since unregistered
     * claims look like a dead instance's.
     */
    public List<Claimed> claim(int limit, Instant now) {
        if (!instances.registered()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(claimSql())
                .setParameter(1, UtcTimestamps.toTimestamp(now))
                .setParameter(2, limit)
                .getResultList();
        if (rows.isEmpty()) {
            return List.of();
        }
        Instant lease = leaseFor(now);
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

    /**
     * The lease a claim made at {@code now} writes: known before the claim, so that a claim whose
     * commit failed can still be found. Millisecond precision survives every database, so the lease
     * can be compared when recording.
     */
    static Instant leaseFor(Instant now) {
        return now.plus(LEASE).truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * Puts back what a claim under {@code lease} took, if it took anything: a commit that failed on
     * the way back (the connection broke after the database had committed) leaves deliveries claimed
     * by this live instance that no worker sends and no other instance takes over.
     *
     * @return how many were put back
     */
    public int releaseClaim(Instant lease) {
        return em.createNativeQuery("UPDATE delivery SET state = CASE WHEN attempts = 0 THEN 'QUEUED' ELSE 'DEFERRED' END,"
                        + " next_attempt_at = ?1, claimed_by = NULL, version = version + 1"
                        + " WHERE state = 'SENDING' AND claimed_by = ?2 AND next_attempt_at = ?3")
                .setParameter(1, UtcTimestamps.toTimestamp(Instant.now(clock)))
                .setParameter(2, instances.id())
                .setParameter(3, UtcTimestamps.toTimestamp(lease))
                .executeUpdate();
    }

    /** The last reply of a delivery that is not sent because its address is suppressed. */
    static String suppressedBecause(Suppression suppression) {
        return "not sent: the address is on the account's suppression list (" + suppression.getReason() + ")";
    }

    /** A claimed delivery: enough to group and to load it again, and the lease that proves the claim. */
    public record Claimed(long deliveryId, long messageId, String domain, Instant lease) {
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
            events.notSent(d, "cancelled", "cancelled by an operator");
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

    private String claimSql() {
        return "SELECT id, message_id, domain FROM delivery"
                + " WHERE state IN ('QUEUED', 'DEFERRED') AND next_attempt_at <= ?1"
                + " ORDER BY next_attempt_at LIMIT ?2" + RowLocks.forUpdate(em);
    }
}
