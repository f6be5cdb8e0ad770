package org.smtpeter.delivery.control;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The times claims are made at, never two within one millisecond: each claim's lease
 * ({@link DeliveryQueue#leaseFor}) is then its own, so that putting back a claim whose commit
 * failed never takes another claim's deliveries. Shared by the scheduler's claims and those that
 * intake makes when it queues ({@link FreshClaims}).
 */
@ApplicationScoped
public class ClaimTimes {

    @Inject
    Clock clock;

    private Instant last;

    /** For CDI. */
    protected ClaimTimes() {
    }

    ClaimTimes(Clock clock) {
        this.clock = clock;
    }

    /** Now, or one millisecond after the previous claim time when that is not before now. */
    public synchronized Instant next() {
        Instant now = Instant.now(clock);
        if (last != null && !DeliveryQueue.leaseFor(now).isAfter(DeliveryQueue.leaseFor(last))) {
            now = last.truncatedTo(ChronoUnit.MILLIS).plusMillis(1);
        }
        last = now;
        return now;
    }
}
