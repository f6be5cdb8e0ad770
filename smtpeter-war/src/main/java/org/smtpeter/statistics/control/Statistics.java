package org.smtpeter.statistics.control;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;

import org.smtpeter.delivery.entity.DeliveryAttempt;
import org.smtpeter.delivery.entity.DeliveryState;
import org.smtpeter.messages.control.TagFilter;
import org.smtpeter.tracking.entity.TrackingEvent;

/**
 * Counts per hour or day for the charts, for the whole selection or per tag. The queries fetch
 * only timestamps (and a flag, and the tag when grouping) in the range and the buckets are counted
 * here, in UTC ({@link Tally}): date functions differ between H2 and PostgreSQL, plain JPQL runs
 * on both. Every bucket in the range is returned, empty ones too, so a chart's time axis has no gaps.
 */
@Stateless
public class Statistics {

    /** A year of hours; protects the server from a range that would make millions of rows. */
    public static final int MAX_BUCKETS = 24 * 366;

    /** Series per tag in one answer; as many as a tag filter may name, and as many as a chart can show apart. */
    public static final int MAX_TAG_SERIES = TagFilter.MAX_TAGS;

    /** The key of the one series of an ungrouped count. */
    private static final String ALL = "";

    @PersistenceContext
    EntityManager em;

    public List<StatisticsRow> series(Long accountId, Long credentialId, Granularity granularity, Instant from,
                                      Instant to) {
        return series(accountId, credentialId, TagFilter.none(), granularity, from, to);
    }

    /**
     * @param accountId    only this account's mail, or null for all
     * @param credentialId only mail sent with this credential, or null for all
     * @param tags         only mail whose message has any of these tags (each message counted once)
     * @param from         start; rounded down to its bucket
     * @param to           end, exclusive
     */
    public List<StatisticsRow> series(Long accountId, Long credentialId, TagFilter tags, Granularity granularity,
                                      Instant from, Instant to) {
        Instant first = granularity.bucketOf(from);
        return count(new Scope(accountId, credentialId, tags, false, first, to), new Tally(granularity, first, to, 1))
                .rows(ALL);
    }

    /**
     * A series per tag: each tag's mail counted on its own, so a message with two tags counts in
     * both. With a tag filter, a series for each of its tags (empty ones too); without, for every
     * tag of mail in the range, at most {@link #MAX_TAG_SERIES}.
     *
     * @return the series by tag, in the tags' order
     * @throws TooManyTagsException for more tags than {@link #MAX_TAG_SERIES}
     */
    public Map<String, List<StatisticsRow>> seriesByTag(Long accountId, Long credentialId, TagFilter tags,
                                                        Granularity granularity, Instant from, Instant to) {
        Instant first = granularity.bucketOf(from);
        Tally tally = new Tally(granularity, first, to, MAX_TAG_SERIES);
        tags.sorted().forEach(tag -> tally.at(tag, first));
        return count(new Scope(accountId, credentialId, tags, true, first, to), tally).rows();
    }

    private Tally count(Scope scope, Tally tally) {
        for (Object[] row : scope.rows("SELECT {key}m.receivedAt FROM Message m{join}"
                + " WHERE m.receivedAt >= :from AND m.receivedAt < :to", null, em)) {
            tally.at(scope.key(row), scope.time(row, 0)).accepted++;
        }
        for (Object[] row : scope.rows("SELECT {key}d.finishedAt FROM Delivery d JOIN d.message m{join}"
                + " WHERE d.state = :value AND d.finishedAt >= :from AND d.finishedAt < :to",
                DeliveryState.DELIVERED, em)) {
            tally.at(scope.key(row), scope.time(row, 0)).delivered++;
        }
        for (Object[] row : scope.rows("SELECT {key}a.startedAt FROM DeliveryAttempt a JOIN a.delivery d"
                + " JOIN d.message m{join} WHERE a.outcome = :value AND a.startedAt >= :from AND a.startedAt < :to",
                DeliveryAttempt.Outcome.DEFERRED, em)) {
            tally.at(scope.key(row), scope.time(row, 0)).deferred++;
        }
        for (Object[] row : scope.rows("SELECT {key}b.occurredAt, b.hardness, b.category FROM Bounce b, Message m{join}"
                + " WHERE m.publicId = b.messagePublicId AND b.hardness IS NOT NULL"
                + " AND b.occurredAt >= :from AND b.occurredAt < :to", null, em)) {
            Tally.Counts counts = tally.at(scope.key(row), scope.time(row, 0));
            if ("hard".equals(scope.value(row, 1))) {
                counts.hardBounces++;
                Object category = scope.value(row, 2);
                counts.hardByReason.merge(category == null ? "unknown" : (String) category, 1L, Long::sum);
            } else {
                counts.softBounces++;
            }
        }
        for (Object[] row : scope.rows("SELECT {key}e.occurredAt, e.kind, e.machine FROM TrackingEvent e, Message m{join}"
                + " WHERE m.publicId = e.messagePublicId AND e.occurredAt >= :from AND e.occurredAt < :to", null, em)) {
            Tally.Counts counts = tally.at(scope.key(row), scope.time(row, 0));
            if (scope.value(row, 1) == TrackingEvent.Kind.CLICK) {
                counts.clicks++;
            } else if (Boolean.TRUE.equals(scope.value(row, 2))) {
                counts.machineOpens++;
            } else {
                counts.humanOpens++;
            }
        }
        for (Object[] row : scope.rows("SELECT {key}u.occurredAt FROM Unsubscribe u, Message m{join}"
                + " WHERE m.publicId = u.messagePublicId AND u.occurredAt >= :from AND u.occurredAt < :to", null, em)) {
            tally.at(scope.key(row), scope.time(row, 0)).unsubscribes++;
        }
        return tally;
    }

    /**
     * The time range and the account, credential and tag conditions, added to each query on its
     * message (alias {@code m}); {@code value} fills a query's {@code :value} when it has one. When
     * grouping by tag, each query joins the message's tags ({@code {join}}) and selects the tag
     * first ({@code {key}}), so a row comes once per tag of its message.
     */
    private record Scope(Long accountId, Long credentialId, TagFilter tags, boolean byTag, Instant from, Instant to) {

        /**
         * Mail that clients submitted, i.e. not bounces coming in nor the relay's own delivery
         * status notifications: those carry the account too, but nobody sent them with a credential.
         */
        private static final String SUBMITTED = " AND (m.credential IS NOT NULL OR m.credentialUsername IS NOT NULL)";

        List<Object[]> rows(String template, Object value, EntityManager em) {
            String jpql = template.replace("{key}", byTag ? "t, " : "")
                    .replace("{join}", byTag ? " JOIN m.searchableTags t" : "");
            List<?> rows = query(jpql, value, em).getResultList();
            return rows.stream().map(row -> row instanceof Object[] columns ? columns : new Object[] {row}).toList();
        }

        String key(Object[] row) {
            return byTag ? (String) row[0] : ALL;
        }

        /** Column {@code i} of what the query's template selects (after the tag when grouping). */
        Object value(Object[] row, int i) {
            return row[byTag ? i + 1 : i];
        }

        Instant time(Object[] row, int i) {
            return (Instant) value(row, i);
        }

        private Query query(String jpql, Object value, EntityManager em) {
            String scoped = jpql + SUBMITTED + (accountId == null ? "" : " AND m.account.id = :account")
                    + (credentialId == null ? "" : " AND m.credential.id = :credential")
                    + (tags.isEmpty() ? "" : byTag ? " AND t IN :tags" : " AND " + TagFilter.onMessage("m"));
            Query query = em.createQuery(scoped).setParameter("from", from).setParameter("to", to);
            if (value != null) {
                query.setParameter("value", value);
            }
            if (accountId != null) {
                query.setParameter("account", accountId);
            }
            if (credentialId != null) {
                query.setParameter("credential", credentialId);
            }
            if (!tags.isEmpty()) {
                query.setParameter("tags", tags.tags());
            }
            return query;
        }
    }
}
