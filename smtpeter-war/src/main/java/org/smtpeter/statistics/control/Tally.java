package org.smtpeter.statistics.control;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts what the statistics queries return into the buckets of a range, per series: one series
 * for the whole selection, or one per tag. Every series has every bucket of the range, empty ones
 * too, so a chart's time axis has no gaps.
 */
final class Tally {

    /** One bucket's counts; the fields are what {@link StatisticsRow} reports. */
    static final class Counts {
        long accepted;
        long delivered;
        long deferred;
        long hardBounces;
        final Map<String, Long> hardByReason = new TreeMap<>();
        long softBounces;
        long humanOpens;
        long machineOpens;
        long clicks;
        long unsubscribes;
    }

    private final Granularity granularity;
    private final Instant first;
    private final Instant to;
    private final int maxSeries;
    private final Map<String, Map<Instant, Counts>> series = new TreeMap<>();

    /**
     * @param first     the first bucket
     * @param to        the end of the range, exclusive
     * @param maxSeries how many series may be made; one more is a {@link TooManyTagsException}
     * @throws IllegalArgumentException for a range of more than {@link Statistics#MAX_BUCKETS} buckets
     */
    Tally(Granularity granularity, Instant first, Instant to, int maxSeries) {
        this.granularity = granularity;
        this.first = first;
        this.to = to;
        this.maxSeries = maxSeries;
        emptyBuckets();
    }

    /** The counts of {@code key}'s series in the bucket {@code time} falls in. */
    Counts at(String key, Instant time) {
        Map<Instant, Counts> buckets = series.get(key);
        if (buckets == null) {
            if (series.size() == maxSeries) {
                throw new TooManyTagsException(maxSeries);
            }
            buckets = emptyBuckets();
            series.put(key, buckets);
        }
        return buckets.get(granularity.bucketOf(time));
    }

    /** The series, by key in order; none when nothing was counted. */
    Map<String, List<StatisticsRow>> rows() {
        Map<String, List<StatisticsRow>> rows = new LinkedHashMap<>();
        series.forEach((key, buckets) -> rows.put(key, rows(buckets)));
        return rows;
    }

    /** One key's series, empty buckets all through when it was never counted. */
    List<StatisticsRow> rows(String key) {
        Map<Instant, Counts> buckets = series.get(key);
        return rows(buckets == null ? emptyBuckets() : buckets);
    }

    private static List<StatisticsRow> rows(Map<Instant, Counts> buckets) {
        List<StatisticsRow> rows = new ArrayList<>(buckets.size());
        buckets.forEach((bucket, c) -> rows.add(new StatisticsRow(bucket, c.accepted, c.delivered, c.deferred,
                c.hardBounces, c.softBounces, c.humanOpens, c.machineOpens, c.clicks, c.unsubscribes, c.hardByReason)));
        return rows;
    }

    private Map<Instant, Counts> emptyBuckets() {
        Map<Instant, Counts> buckets = new LinkedHashMap<>();
        for (Instant bucket = first; bucket.isBefore(to); bucket = granularity.next(bucket)) {
            if (buckets.size() == Statistics.MAX_BUCKETS) {
                throw new IllegalArgumentException("The range has more than " + Statistics.MAX_BUCKETS + " buckets; "
                        + "choose a shorter range or a coarser granularity");
            }
            buckets.put(bucket, new Counts());
        }
        return buckets;
    }
}
