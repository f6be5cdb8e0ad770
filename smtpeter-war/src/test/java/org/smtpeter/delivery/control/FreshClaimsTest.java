package org.smtpeter.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.smtpeter.instances.control.Instances;

/** Intake's claims wait here for the scheduler, in order, a message's deliveries together, and never without bound. */
class FreshClaimsTest {

    static final Instant NOW = Instant.parse("2026-12-07T09:30:00.000Z");

    /** An instance that is registered (or not) without a database. */
    static class FixedInstance extends Instances {
        boolean registered = true;

        @Override
        public boolean registered() {
            return registered;
        }
    }

    static FreshClaims freshClaims(FixedInstance instance) {
        FreshClaims fresh = new FreshClaims();
        fresh.instances = instance;
        fresh.claimTimes = new ClaimTimes(Clock.fixed(NOW, ZoneOffset.UTC));
        return fresh;
    }

    static DeliveryQueue.Claimed claim(long deliveryId, long messageId) {
        return new DeliveryQueue.Claimed(deliveryId, messageId, "example.net", DeliveryQueue.leaseFor(NOW));
    }

    private final FixedInstance instance = new FixedInstance();
    private final FreshClaims fresh = freshClaims(instance);

    @Test
    void theyAreTakenInTheOrderTheyArrivedAndAMessageIsNeverSplit() {
        fresh.arrived(List.of(claim(1, 10), claim(2, 11), claim(3, 11), claim(4, 12)));

        assertEquals(List.of(claim(1, 10), claim(2, 11), claim(3, 11)), fresh.take(2), "message 11's second delivery comes along");
        assertEquals(List.of(claim(4, 12)), fresh.take(5));
        assertEquals(List.of(), fresh.take(5));
    }

    @Test
    void eachClaimTimeIsItsOwnMillisecond() {
        Instant first = fresh.claimTime().orElseThrow();
        Instant second = fresh.claimTime().orElseThrow();

        assertEquals(NOW, first);
        assertEquals(NOW.plusMillis(1), second);
    }

    @Test
    void anInstanceNotYetRegisteredLeavesNewMailToTheDatabaseClaims() {
        instance.registered = false;

        assertTrue(fresh.claimTime().isEmpty());
    }

    @Test
    void withEnoughWaitingNewMailIsQueuedUnclaimed() {
        List<DeliveryQueue.Claimed> many = new ArrayList<>();
        IntStream.range(0, FreshClaims.LIMIT).forEach(i -> many.add(claim(i, i)));
        fresh.arrived(many);

        assertTrue(fresh.claimTime().isEmpty(), "at the limit");

        fresh.take(1);
        assertTrue(fresh.claimTime().isPresent(), "below it again");
    }
}
