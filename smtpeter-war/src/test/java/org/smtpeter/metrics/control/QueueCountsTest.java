package org.smtpeter.metrics.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.smtpeter.delivery.entity.DeliveryState;
import org.smtpeter.health.control.BoundedProbe;

/** The queue gauges' cache: one count per five seconds, NaN when the database gives none. */
class QueueCountsTest {

    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger counted = new AtomicInteger();

    private QueueMetrics.CachedCounts counts(Supplier<Map<DeliveryState, Long>> query) {
        Supplier<Map<DeliveryState, Long>> counting = () -> {
            counted.incrementAndGet();
            return query.get();
        };
        return new QueueMetrics.CachedCounts(new BoundedProbe<>(Runnable::run, counting, Duration.ofSeconds(1)),
                Duration.ofSeconds(5), now::get);
    }

    @Test
    void theCountsOfOneQueryServeEveryStateUntilTheyAreOld() {
        QueueMetrics.CachedCounts counts = counts(() -> Map.of(DeliveryState.QUEUED, 3L, DeliveryState.SENDING, 1L,
                DeliveryState.DEFERRED, 0L));

        assertEquals(3.0, counts.get(DeliveryState.QUEUED));
        assertEquals(1.0, counts.get(DeliveryState.SENDING));
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        assertEquals(0.0, counts.get(DeliveryState.DEFERRED));
        assertEquals(1, counted.get());

        now.addAndGet(Duration.ofSeconds(1).toNanos());
        counts.get(DeliveryState.QUEUED);
        assertEquals(2, counted.get());
    }

    @Test
    void aDatabaseThatFailsGivesNaNAndIsNotAskedAgainAtOnce() {
        QueueMetrics.CachedCounts counts = counts(() -> {
            throw new IllegalStateException("database down");
        });

        assertTrue(Double.isNaN(counts.get(DeliveryState.QUEUED)));
        assertTrue(Double.isNaN(counts.get(DeliveryState.DEFERRED)));
        assertEquals(1, counted.get());
    }
}
