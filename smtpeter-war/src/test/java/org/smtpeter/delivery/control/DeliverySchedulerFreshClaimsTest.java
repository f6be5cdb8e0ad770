package org.smtpeter.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.ejb.EJBException;

import org.junit.jupiter.api.Test;

/**
 * What intake claimed as it queued is sent before anything is claimed from the database, and
 * without a claim of its own; the database is asked only for what is left of the round's limit.
 */
class DeliverySchedulerFreshClaimsTest {

    private static final Instant NOW = FreshClaimsTest.NOW;

    /** Due deliveries in the database, claimed as the scheduler asks for them. */
    static class DueQueue extends DeliveryQueue {
        final List<Integer> asked = new ArrayList<>();
        boolean away;

        @Override
        public List<Claimed> claim(int limit, Instant now) {
            asked.add(limit);
            if (away) {
                throw new EJBException("Connection refused");
            }
            return List.of(new Claimed(100, 100, "example.org", leaseFor(now)));
        }
    }

    private final DueQueue queue = new DueQueue();
    private final DeliveryScheduler scheduler = new DeliveryScheduler();
    private final FreshClaims fresh = FreshClaimsTest.freshClaims(new FreshClaimsTest.FixedInstance());

    DeliverySchedulerFreshClaimsTest() {
        scheduler.queue = queue;
        scheduler.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        scheduler.claimTimes = new ClaimTimes(scheduler.clock);
        scheduler.fresh = fresh;
    }

    @Test
    void aRoundForFreshMailDoesNotAskTheDatabase() {
        fresh.arrived(List.of(FreshClaimsTest.claim(1, 10), FreshClaimsTest.claim(2, 11)));

        assertEquals(List.of(FreshClaimsTest.claim(1, 10), FreshClaimsTest.claim(2, 11)), scheduler.claim(20, false));
        assertEquals(List.of(), queue.asked);
    }

    @Test
    void aTickTakesTheFreshFirstAndAsksTheDatabaseForTheRest() {
        fresh.arrived(List.of(FreshClaimsTest.claim(1, 10), FreshClaimsTest.claim(2, 11)));

        List<DeliveryQueue.Claimed> claimed = scheduler.claim(20, true);

        assertEquals(List.of(1L, 2L, 100L), claimed.stream().map(DeliveryQueue.Claimed::deliveryId).toList());
        assertEquals(List.of(18), queue.asked);
    }

    @Test
    void enoughFreshMailLeavesTheDatabaseForTheNextRound() {
        fresh.arrived(List.of(FreshClaimsTest.claim(1, 10), FreshClaimsTest.claim(2, 11)));

        assertEquals(2, scheduler.claim(2, true).size());
        assertEquals(List.of(), queue.asked);
    }

    @Test
    void freshClaimsTakenWhenTheDatabaseClaimFailsAreKeptForTheNextRound() {
        fresh.arrived(List.of(FreshClaimsTest.claim(1, 10)));
        queue.away = true;

        assertThrows(EJBException.class, () -> scheduler.claim(20, true));

        assertEquals(List.of(FreshClaimsTest.claim(1, 10)), scheduler.claim(20, false));
    }
}
