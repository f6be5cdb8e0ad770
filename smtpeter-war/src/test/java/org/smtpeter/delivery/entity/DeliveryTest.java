package org.smtpeter.delivery.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.smtpeter.messages.entity.EnvelopeRecipient;
import org.smtpeter.messages.entity.Message;

/** The state transitions of one recipient's delivery after each attempt. */
class DeliveryTest {

    private static final Instant QUEUED = Instant.parse("2026-03-02T09:00:00Z");
    private static final Duration LIFETIME = Duration.ofDays(1);

    @Test
    void aSuccessEndsTheDeliveryAsDelivered() {
        Delivery delivery = delivery();
        Instant at = QUEUED.plusSeconds(2);

        var outcome = delivery.afterAttempt(at, 250, "2.0.0", "OK", "mx.example.net", false, this::retryDelay);

        assertEquals(DeliveryAttempt.Outcome.DELIVERED, outcome);
        assertEquals(DeliveryState.DELIVERED, delivery.getState());
        assertEquals(at, delivery.getFinishedAt());
        assertEquals(1, delivery.getAttempts());
        assertEquals("mx.example.net", delivery.getLastRemoteHost());
    }

    @Test
    void aTransientFailureDefersUntilTheScheduleSaysAndCountsTheAttempt() {
        Delivery delivery = delivery();
        Instant first = QUEUED.plusSeconds(2);

        assertEquals(DeliveryAttempt.Outcome.DEFERRED,
                delivery.afterAttempt(first, 451, "4.3.0", "try later", "mx", false, this::retryDelay));
        assertEquals(DeliveryState.DEFERRED, delivery.getState());
        assertEquals(first.plus(Duration.ofMinutes(1)), delivery.getNextAttemptAt(), "first retry after the first delay");
        assertNull(delivery.getFinishedAt());

        Instant second = delivery.getNextAttemptAt();
        delivery.afterAttempt(second, 451, "4.3.0", "try later", "mx", false, this::retryDelay);
        assertEquals(second.plus(Duration.ofMinutes(2)), delivery.getNextAttemptAt(), "the schedule goes by attempts");
        assertEquals(2, delivery.getAttempts());
    }

    @Test
    void givingUpFailsTheDeliveryForGood() {
        Delivery delivery = delivery();
        Instant at = QUEUED.plusSeconds(2);

        assertEquals(DeliveryAttempt.Outcome.FAILED,
                delivery.afterAttempt(at, 550, "5.1.1", "no such user", "mx", true, this::retryDelay));
        assertEquals(DeliveryState.FAILED, delivery.getState());
        assertTrue(delivery.getState().isFinal());
        assertEquals(550, delivery.getLastCode());
        assertEquals("5.1.1", delivery.getLastEnhancedCode());
    }

    @Test
    void theDeliveryTimeEndsAtItsExpiry() {
        Delivery delivery = delivery();

        assertFalse(delivery.hasExpiredAt(QUEUED.plus(LIFETIME).minusMillis(1)));
        assertTrue(delivery.hasExpiredAt(QUEUED.plus(LIFETIME)));
    }

    @Test
    void aDelayIsNotifiedOnce() {
        Delivery delivery = delivery();

        assertTrue(delivery.firstDelay());
        assertFalse(delivery.firstDelay());
        assertTrue(delivery.isDelayNotified());
    }

    @Test
    void aBusyDestinationPutsItBackWithoutCountingAnAttempt() {
        Delivery delivery = delivery();
        delivery.requeue(QUEUED.plusSeconds(1));
        assertEquals(DeliveryState.QUEUED, delivery.getState());

        delivery.afterAttempt(QUEUED.plusSeconds(2), 421, "4.7.0", "busy", "mx", false, this::retryDelay);
        delivery.requeue(QUEUED.plusSeconds(90));
        assertEquals(DeliveryState.DEFERRED, delivery.getState(), "after an attempt it waits as deferred");
        assertEquals(1, delivery.getAttempts());
    }

    private Duration retryDelay(int attempts) {
        return Duration.ofMinutes(attempts);
    }

    private static Delivery delivery() {
        Message message = new Message("ORIGINAL0000000000001", QUEUED, 100);
        message.envelope("customer@shop.example", null, false, -1, null, null,
                List.of(new EnvelopeRecipient("alice@example.net", null, null)));
        return new Delivery(message, "alice@example.net", QUEUED, QUEUED.plus(LIFETIME));
    }
}
