package org.smtpeter.bounces.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.smtpeter.delivery.entity.Delivery;
import org.smtpeter.messages.entity.EnvelopeRecipient;
import org.smtpeter.messages.entity.Message;

class BounceGateTest {

    private static final Instant QUEUED = Instant.parse("2026-03-02T09:00:00Z");
    private static final Duration LIFETIME = Duration.ofDays(30);

    @Test
    void anAddressLivesForItsLifetimeAfterTheDeliveryEnded() {
        Delivery delivery = delivery();
        Instant delivered = QUEUED.plus(Duration.ofHours(20));
        delivery.delivered(delivered);

        assertFalse(BounceGate.isExpired(delivery, LIFETIME, delivered.plus(LIFETIME)));
        assertTrue(BounceGate.isExpired(delivery, LIFETIME, delivered.plus(LIFETIME).plusMillis(1)));
    }

    @Test
    void anAddressWhoseDeliveryIsStillTriedHasNotExpired() {
        Delivery delivery = delivery();
        delivery.deferredUntil(QUEUED.plus(Duration.ofHours(1)));

        assertFalse(BounceGate.isExpired(delivery, LIFETIME, QUEUED.plus(LIFETIME.multipliedBy(2))));
    }

    @Test
    void aFailedDeliveryCountsFromItsFailure() {
        Delivery delivery = delivery();
        delivery.failed(QUEUED.plusSeconds(60));

        assertTrue(BounceGate.isExpired(delivery, LIFETIME, QUEUED.plus(LIFETIME).plusSeconds(61)));
    }

    private static Delivery delivery() {
        Message message = new Message("ORIGINAL0000000000001", QUEUED, 100);
        message.envelope("customer@shop.example", null, false, -1, null, null,
                List.of(new EnvelopeRecipient("alice@example.net", null, null)));
        return new Delivery(message, "alice@example.net", QUEUED, QUEUED.plus(Duration.ofDays(1)));
    }
}
