package org.smtpeter.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.smtpeter.testing.ManualClock;

class WindowCountsTest {

    private static final Duration WINDOW = Duration.ofMinutes(15);

    private final ManualClock clock = new ManualClock();
    private final WindowCounts<String> counts = new WindowCounts<>(WINDOW, 100, clock);

    @Test
    void countsUpToTheLimitWithinAWindow() {
        assertTrue(counts.tryCount("alice", 3));
        assertTrue(counts.tryCount("alice", 3));
        assertTrue(counts.tryCount("alice", 3));
        assertFalse(counts.tryCount("alice", 3));
        assertTrue(counts.tryCount("bob", 3), "each key has its own window");
    }

    @Test
    void theWindowOpensWithTheFirstCountAndRefusalsDoNotExtendIt() {
        Instant opened = clock.instant();
        counts.tryCount("alice", 2);
        clock.advance(Duration.ofMinutes(5));
        counts.tryCount("alice", 2);
        for (int minute = 0; minute < 9; minute++) {
            clock.advance(Duration.ofMinutes(1));
            assertFalse(counts.tryCount("alice", 2));
        }
        assertEquals(Optional.of(opened.plus(WINDOW)), counts.windowEnd("alice"));

        clock.advance(Duration.ofMinutes(1)); // 15 minutes after the first count

        assertEquals(Optional.empty(), counts.windowEnd("alice"));
        assertTrue(counts.tryCount("alice", 2));
    }

    @Test
    void uncountingGivesACountBack() {
        counts.tryCount("alice", 1);
        assertFalse(counts.tryCount("alice", 1));

        counts.uncount("alice");

        assertTrue(counts.tryCount("alice", 1));
    }

    @Test
    void memoryIsBoundedByForgettingTheOldestWindow() {
        WindowCounts<Integer> small = new WindowCounts<>(WINDOW, 3, clock);
        for (int key = 0; key < 1000; key++) {
            small.tryCount(key, 1);
            assertTrue(small.size() <= 3);
        }
        assertTrue(small.tryCount(0, 1), "the oldest window was forgotten");
        assertFalse(small.tryCount(999, 1), "the newest is remembered");
    }

    @Test
    void expiredWindowsAreDropped() {
        for (int i = 0; i < 50; i++) {
            counts.tryCount("key-" + i, 1);
        }
        clock.advance(WINDOW);

        assertEquals(0, counts.size());
    }

    @Test
    void parallelCountsNeverExceedTheLimit() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger counted = new AtomicInteger();
        List<Future<?>> tries = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            tries.add(threads.submit(() -> {
                start.await();
                if (counts.tryCount("alice", 5)) {
                    counted.incrementAndGet();
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> attempt : tries) {
            attempt.get();
        }
        threads.shutdown();

        assertEquals(5, counted.get());
    }

    @Test
    void badSettingsAreRefusedWithTheReason() {
        assertEquals("the window must be positive, not PT0S", assertThrows(IllegalArgumentException.class,
                () -> new WindowCounts<>(Duration.ZERO, 10, clock)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new WindowCounts<>(WINDOW, 0, clock));
    }
}
