package org.smtpeter.webhooks.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.smtpeter.platform.entity.UtcTimestamps;
import org.smtpeter.webhooks.entity.WebhookDelivery;
import org.smtpeter.webhooks.entity.WebhookEndpoint;

/**
 * The sending side of the webhook outbox, one short transaction per step, never one around a
 * request. An endpoint is claimed by one relay at a time (a lease in its row, taken with a
 * conditional update, so several relays on one database share the work), and its events go out
 * one after the other, oldest first: a failed one is tried again after {@link RetrySchedule}'s
 * wait, and those behind it wait too, so an endpoint gets each message's events in order. After
 * {@link WebhookEndpoint#GIVE_UP_AFTER} of failures the endpoint is disabled with a notice.
 */
@Stateless
public class WebhookOutbox {

    private static final Logger LOG = Logger.getLogger(WebhookOutbox.class.getName());

    /** Longer than a round of one endpoint takes ({@link WebhookSender} stops sending at half of it). */
    static final Duration LEASE = Duration.ofMinutes(5);

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    /** Enabled endpoints whose oldest waiting event is due, and which no relay holds. */
    public List<Long> dueEndpoints(int limit) {
        Instant now = Instant.now(clock);
        return em.createQuery("SELECT d.endpoint.id FROM WebhookDelivery d"
                        + " WHERE d.state = :pending AND d.nextAttemptAt <= :now AND d.endpoint.enabled = :enabled"
                        + " AND (d.endpoint.claimedUntil IS NULL OR d.endpoint.claimedUntil < :now)"
                        + " AND d.id = (SELECT MIN(o.id) FROM WebhookDelivery o"
                        + "  WHERE o.endpoint = d.endpoint AND o.state = :pending)"
                        + " ORDER BY d.nextAttemptAt", Long.class)
                .setParameter("pending", WebhookDelivery.State.PENDING).setParameter("now", now)
                .setParameter("enabled", true).setMaxResults(limit).getResultList();
    }

    /**
     * Takes the endpoint for this relay, unless another holds it; true when taken. In SQL, so that
     * the lease leaves the version alone: an operator's change meanwhile is no conflict.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean claim(long endpointId) {
        Instant now = Instant.now(clock);
        return em.createNativeQuery("UPDATE webhook_endpoint SET claimed_until = ?1 WHERE id = ?2 AND enabled = ?3"
                        + " AND (claimed_until IS NULL OR claimed_until < ?4)")
                .setParameter(1, UtcTimestamps.toTimestamp(now.plus(LEASE))).setParameter(2, endpointId)
                .setParameter(3, true).setParameter(4, UtcTimestamps.toTimestamp(now))
                .executeUpdate() == 1;
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void release(long endpointId) {
        em.createNativeQuery("UPDATE webhook_endpoint SET claimed_until = NULL WHERE id = ?1")
                .setParameter(1, endpointId).executeUpdate();
    }

    /** What one request needs, read in one go. */
    public record Attempt(long deliveryId, long endpointId, String url, String secret, String eventId, String body) {
    }

    /** The endpoint's oldest waiting event, when it is due and the endpoint still enabled. */
    public Optional<Attempt> next(long endpointId) {
        WebhookEndpoint endpoint = em.find(WebhookEndpoint.class, endpointId);
        if (endpoint == null || !endpoint.isEnabled()) {
            return Optional.empty();
        }
        Instant now = Instant.now(clock);
        return em.createNamedQuery(WebhookDelivery.PENDING_OF_ENDPOINT, WebhookDelivery.class)
                .setParameter("endpoint", endpointId).setMaxResults(1).getResultStream().findFirst()
                .filter(delivery -> !delivery.getNextAttemptAt().isAfter(now))
                .map(delivery -> new Attempt(delivery.getId(), endpointId, endpoint.getUrl(), endpoint.getSecret(),
                        delivery.getEventId(), delivery.getPayload()));
    }

    /**
     * Records how a try went; true when the endpoint may be sent the next event now. A failure
     * waits, and after a day of them disables the endpoint and gives up on what it still had.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean tried(Attempt attempt, WebhookPoster.Outcome outcome) {
        WebhookDelivery delivery = em.find(WebhookDelivery.class, attempt.deliveryId());
        WebhookEndpoint endpoint = em.find(WebhookEndpoint.class, attempt.endpointId());
        if (delivery == null || endpoint == null) {
            return false; // deleted meanwhile
        }
        Instant now = Instant.now(clock);
        if (outcome.succeeded()) {
            delivery.tried(now, outcome.code(), outcome.millis(), null, null);
            endpoint.succeeded();
            return true;
        }
        delivery.tried(now, outcome.code(), outcome.millis(), outcome.error(),
                now.plus(RetrySchedule.after(delivery.getAttempts() + 1)));
        endpoint.failed(now);
        if (endpoint.failingTooLong(now)) {
            disable(endpoint, delivery, now, "Disabled after " + WebhookEndpoint.GIVE_UP_AFTER.toHours()
                    + " hours of failed requests (since " + endpoint.getFailingSince() + "); the last: "
                    + outcome.describe() + ". Enable it again once the URL answers 2xx.");
        }
        return false;
    }

    private void disable(WebhookEndpoint endpoint, WebhookDelivery last, Instant now, String notice) {
        endpoint.disable(now, notice);
        em.flush(); // the try just recorded first, then the bulk update of the others
        int abandoned = em.createQuery("UPDATE WebhookDelivery d SET d.state = :failed, d.nextAttemptAt = NULL,"
                        + " d.lastError = :why WHERE d.endpoint.id = :endpoint AND d.state = :pending"
                        + " AND d.id <> :last")
                .setParameter("failed", WebhookDelivery.State.FAILED)
                .setParameter("why", "not sent: the endpoint was disabled")
                .setParameter("endpoint", endpoint.getId())
                .setParameter("pending", WebhookDelivery.State.PENDING)
                .setParameter("last", last.getId()).executeUpdate();
        last.abandon(last.getLastError());
        LOG.warning(() -> "Webhook endpoint " + endpoint.getId() + " of account " + endpoint.getAccountId()
                + " is disabled: " + notice + " " + (abandoned + 1) + " waiting events are dropped.");
    }
}
