package org.smtpeter.statistics.control;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The width of a statistics bucket; buckets start at whole UTC hours or UTC midnights. */
public enum Granularity {
    HOUR(ChronoUnit.HOURS),
    DAY(ChronoUnit.DAYS);

    private final ChronoUnit unit;

    Granularity(ChronoUnit unit) {
        this.unit = unit;
    }

    /** The start of the bucket {@code time} falls in (Instant truncation is in UTC). */
    public Instant bucketOf(Instant time) {
        return time.truncatedTo(unit);
    }

    public Instant next(Instant bucket) {
        return bucket.plus(1, unit);
    }
}
