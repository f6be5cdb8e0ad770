package org.smtpeter.statistics.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class GranularityTest {

    @Test
    void bucketsStartAtWholeUtcHoursAndDays() {
        Instant time = Instant.parse("2026-03-29T01:59:59.999Z"); // a DST switch in Europe: irrelevant in UTC

        assertEquals(Instant.parse("2026-03-29T01:00:00Z"), Granularity.HOUR.bucketOf(time));
        assertEquals(Instant.parse("2026-03-29T00:00:00Z"), Granularity.DAY.bucketOf(time));
    }

    @Test
    void theNextBucketIsOneUnitLater() {
        assertEquals(Instant.parse("2026-03-29T02:00:00Z"), Granularity.HOUR.next(Instant.parse("2026-03-29T01:00:00Z")));
        assertEquals(Instant.parse("2026-03-30T00:00:00Z"), Granularity.DAY.next(Instant.parse("2026-03-29T00:00:00Z")));
    }
}
