package org.smtpeter.webhooks.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    @Test
    void startsAtFiveSecondsAndDoubles() {
        assertEquals(List.of(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20),
                        Duration.ofSeconds(40), Duration.ofSeconds(80), Duration.ofSeconds(160),
                        Duration.ofSeconds(320), Duration.ofSeconds(640), Duration.ofSeconds(1280),
                        Duration.ofSeconds(2560), Duration.ofHours(1), Duration.ofHours(1)),
                IntStream.rangeClosed(1, 12).mapToObj(RetrySchedule::after).toList());
    }

    @Test
    void staysAtAnHourHoweverLongItFails() {
        assertEquals(Duration.ofHours(1), RetrySchedule.after(1_000));
        assertEquals(Duration.ofHours(1), RetrySchedule.after(Integer.MAX_VALUE));
    }

    /**
     * Within a day of failures an endpoint is tried 33 times: 11 in the first 85 minutes, then one
     * an hour; the 34th try, past the day, disables it when it fails too.
     */
    @Test
    void aDayOfFailuresIsThirtyThreeTries() {
        Duration waited = Duration.ZERO;
        int tries = 1;
        while (waited.plus(RetrySchedule.after(tries)).compareTo(Duration.ofHours(24)) < 0) {
            waited = waited.plus(RetrySchedule.after(tries));
            tries++;
        }
        assertEquals(33, tries);
    }

    @Test
    void countsFromTheFirstFailure() {
        assertThrows(IllegalArgumentException.class, () -> RetrySchedule.after(0));
    }
}
