package org.smtpeter.statistics.control;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import org.smtpeter.delivery.entity.DeliveryAttempt;
import org.smtpeter.delivery.entity.DeliveryState;
import org.smtpeter.tracking.entity.TrackingEvent;

/**
 * Counts per hour or day for the charts. The queries fetch only timestamps (and a flag) in the
 * range and the buckets are counted here, in UTC: date functions differ between H2 and
 * PostgreSQL, plain JPQL runs on both. Every bucket in the range is returned, empty ones too,
 * so a chart's time axis has no gaps.
 */
@Stateless
public class Statistics {

    /** A year of hours; protects the server from a range that would make millions of rows. */
    public static final int MAX_BUCKETS = 24 * 366;

    @PersistenceContext
    EntityManager em;

    /**
     * @param accountId    only this account's mail, or null for all
     * @param credentialId only mail sent with this credential, or null for all
     * @param from         start; rounded down to its bucket
     * @param to           end, exclusive
     */
    public List<StatisticsRow> series(Long accountId, Long credentialId, Granularity granularity, Instant from,
                                      Instant to) {
        Instant first = granularity.bucketOf(from);
        Map<Instant, Counts> buckets = buckets(granularity, first, to);
        Scope scope = new Scope(accountId, credentialId, first, to);

        for (Instant t : scope.times("SELECT m.receivedAt FROM Message m WHERE m.receivedAt >= :from AND m.receivedAt < :to",
                null, em)) {
            counts(buckets, granularity, t).accepted++;
        }
        for (Instant t : scope.times("SELECT d.finishedAt FROM Delivery d JOIN d.message m WHERE d.state = :value"
                + " AND d.finishedAt >= :from AND d.finishedAt < :to", DeliveryState.DELIVERED, em)) {
            counts(buckets, granularity, t).delivered++;
        }
        for (Instant t : scope.times("SELECT a.startedAt FROM DeliveryAttempt a JOIN a.delivery d JOIN d.message m"
                + " WHERE a.outcome = :value AND a.startedAt >= :from AND a.startedAt < :to",
                DeliveryAttempt.Outcome.DEFERRED, em)) {
            counts(buckets, granularity, t).deferred++;
        }
        for (Object[] row : scope.rows("SELECT b.occurredAt, b.hardness, b.category FROM Bounce b, Message m"
                + " WHERE m.publicId = b.messagePublicId AND b.hardness IS NOT NULL"
                + " AND b.occurredAt >= :from AND b.occurredAt < :to", null, em)) {
            Counts counts = counts(buckets, granularity, (Instant) row[0]);
            if ("hard".equals(row[1])) {
                counts.hardBounces++;
                counts.hardByReason.merge(row[2] == null ? "unknown" : (String) row[2], 1L, Long::sum);
            } else {
                counts.softBounces++;
            }
        }
        for (Object[] row : scope.rows("SELECT e.occurredAt, e.kind, e.machine FROM TrackingEvent e, Message m"
                + " WHERE m.publicId = e.messagePublicId AND e.occurredAt >= :from AND e.occurredAt < :to", null, em)) {
            Counts counts = counts(buckets, granularity, (Instant) row[0]);
            if (row[1] == TrackingEvent.Kind.CLICK) {
                counts.clicks++;
            } else if (Boolean.TRUE.equals(row[2])) {
                counts.machineOpens++;
            } else {
                counts.humanOpens++;
            }
        }
        for (Instant t : scope.times("SELECT u.occurredAt FROM Unsubscribe u, Message m"
                + " WHERE m.publicId = u.messagePublicId AND u.occurredAt >= :from AND u.occurredAt < :to", null, em)) {
            counts(buckets, granularity, t).unsubscribes++;
        }
        List<StatisticsRow> rows = new ArrayList<>(buckets.size());
        buckets.forEach((bucket, c) -> rows.add(new StatisticsRow(bucket, c.accepted, c.delivered, c.deferred,
                c.hardBounces, c.softBounces, c.humanOpens, c.machineOpens, c.clicks, c.unsubscribes, c.hardByReason)));
        return rows;
    }

    private static Map<Instant, Counts> buckets(Granularity granularity, Instant first, Instant to) {
        Map<Instant, Counts> buckets = new LinkedHashMap<>();
        for (Instant bucket = first; bucket.isBefore(to); bucket = granularity.next(bucket)) {
            if (buckets.size() == MAX_BUCKETS) {
                throw new IllegalArgumentException("The range has more than " + MAX_BUCKETS + " buckets; "
                        + "choose a shorter range or a coarser granularity");
            }
            buckets.put(bucket, new Counts());
        }
        return buckets;
    }

    private static Counts counts(Map<Instant, Counts> buckets, Granularity granularity, Instant time) {
        return buckets.get(granularity.bucketOf(time));
    }

    private static final class Counts {
        long accepted;
        long delivered;
        long deferred;
        long hardBounces;
        final Map<String, Long> hardByReason = new java.util.TreeMap<>();
        long softBounces;
        long humanOpens;
        long machineOpens;
        long clicks;
        long unsubscribes;
    }

    /**
     * The time range and the account and credential conditions, added to each query on its message
     * (alias {@code m}); {@code value} fills a query's {@code :value} when it has one.
     */
    private record Scope(Long accountId, Long credentialId, Instant from, Instant to) {

        /**
         * Mail that clients submitted, i.e. not bounces coming in nor the relay's own delivery
         * status notifications: those carry the account too, but nobody sent them with a credential.
         */
        private static final String SUBMITTED = " AND (m.credential IS NOT NULL OR m.credentialUsername IS NOT NULL)";

        List<Instant> times(String jpql, Object value, EntityManager em) {
            return query(jpql, value, em, Instant.class).getResultList();
        }

        List<Object[]> rows(String jpql, Object value, EntityManager em) {
            return query(jpql, value, em, Object[].class).getResultList();
        }

        private <T> TypedQuery<T> query(String jpql, Object value, EntityManager em, Class<T> type) {
            String scoped = jpql + SUBMITTED + (accountId == null ? "" : " AND m.account.id = :account")
                    + (credentialId == null ? "" : " AND m.credential.id = :credential");
            TypedQuery<T> query = em.createQuery(scoped, type).setParameter("from", from).setParameter("to", to);
            if (value != null) {
                query.setParameter("value", value);
            }
            if (accountId != null) {
                query.setParameter("account", accountId);
            }
            if (credentialId != null) {
                query.setParameter("credential", credentialId);
            }
            return query;
        }
    }
}
