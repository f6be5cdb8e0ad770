package org.smtpeter.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;

import jakarta.ejb.EJBException;

import org.junit.jupiter.api.Test;

/**
 * A claim whose commit fails may have committed all the same (the connection broke on the way
 * back): the scheduler puts back whatever that claim's lease holds before it claims again, and
 * keeps trying while the database is still away.
 */
class DeliverySchedulerUncertainClaimTest {

    private static final Instant NOW = Instant.parse("2026-12-06T20:00:56.987654Z");

    /** The queue's database side as the scheduler sees it: what it was asked, and failures on demand. */
    static class RecordingQueue extends DeliveryQueue {
        final List<Instant> claimedAt = new ArrayList<>();
        final List<Instant> released = new ArrayList<>();
        int claimFailures;
        int releaseFailures;

        @Override
        public List<Claimed> claim(int limit, Instant now) {
            claimedAt.add(now);
            if (claimFailures-- > 0) {
                throw new EJBException("Unable to complete container-managed transaction.");
            }
            return List.of();
        }

        @Override
        public int releaseClaim(Instant lease) {
            if (releaseFailures-- > 0) {
                throw new EJBException("Connection refused");
            }
            released.add(lease);
            return 3;
        }
    }

    private final RecordingQueue queue = new RecordingQueue();
    private final DeliveryScheduler scheduler = new DeliveryScheduler();

    DeliverySchedulerUncertainClaimTest() {
        scheduler.queue = queue;
        scheduler.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        scheduler.claimTimes = new ClaimTimes(scheduler.clock);
        scheduler.fresh = new FreshClaims();
        scheduler.concurrent = new Semaphore(4);
    }

    @Test
    void aClaimWhoseCommitFailedIsPutBackByItsLeaseBeforeTheNextClaim() {
        queue.claimFailures = 1;
        assertThrows(EJBException.class, scheduler::claimAndDispatch);

        assertFalse(scheduler.claimAndDispatch());

        assertEquals(List.of(DeliveryQueue.leaseFor(NOW)), queue.released);
        assertEquals(2, queue.claimedAt.size(), "claimed again after putting back");
    }

    @Test
    void whileTheDatabaseIsStillAwayTheLeaseIsKeptAndTriedAgain() {
        queue.claimFailures = 1;
        queue.releaseFailures = 1;
        assertThrows(EJBException.class, scheduler::claimAndDispatch);
        assertThrows(EJBException.class, scheduler::claimAndDispatch);
        assertEquals(1, queue.claimedAt.size(), "no new claim while an uncertain one is not cleared");

        assertFalse(scheduler.claimAndDispatch());

        assertEquals(List.of(DeliveryQueue.leaseFor(NOW)), queue.released);
    }

    @Test
    void aSuccessfulClaimLeavesNothingToPutBack() {
        assertFalse(scheduler.claimAndDispatch());
        assertFalse(scheduler.claimAndDispatch());

        assertEquals(List.of(), queue.released);
    }

    @Test
    void twoClaimsInOneMillisecondHoldLeasesOfTheirOwn() {
        queue.claimFailures = 0;
        scheduler.claimAndDispatch();
        queue.claimFailures = 1;
        assertThrows(EJBException.class, scheduler::claimAndDispatch);
        scheduler.claimAndDispatch();

        assertEquals(List.of(NOW, Instant.parse("2026-12-06T20:00:56.988Z"), Instant.parse("2026-12-06T20:00:56.989Z")),
                queue.claimedAt);
        assertEquals(List.of(DeliveryQueue.leaseFor(queue.claimedAt.get(1))), queue.released,
                "only the failed claim's lease, not the first one's");
    }

    @Test
    void theLeaseIsKnownBeforeTheClaimToTheMillisecond() {
        assertEquals(Instant.parse("2026-12-06T22:00:56.987Z"), DeliveryQueue.leaseFor(NOW));
    }
}
