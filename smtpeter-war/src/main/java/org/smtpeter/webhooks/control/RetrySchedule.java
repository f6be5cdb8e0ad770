package org.smtpeter.webhooks.control;

import java.time.Duration;

/**
 * How long a webhook waits after a failed try: 5 seconds, doubling, at most an hour apart. Within
 * the day an endpoint may fail before it is disabled, that is 33 tries.
 */
public final class RetrySchedule {

    static final Duration FIRST = Duration.ofSeconds(5);
    static final Duration LONGEST = Duration.ofHours(1);

    private RetrySchedule() {
    }

    /** The wait after the {@code failedTries}-th failed try in a row (1 for the first). */
    public static Duration after(int failedTries) {
        if (failedTries < 1) {
            throw new IllegalArgumentException("failedTries starts at 1: " + failedTries);
        }
        // 5 s x 2^10 is already beyond an hour; the cap keeps the shift small.
        Duration wait = FIRST.multipliedBy(1L << Math.min(failedTries - 1, 10));
        return wait.compareTo(LONGEST) > 0 ? LONGEST : wait;
    }
}
