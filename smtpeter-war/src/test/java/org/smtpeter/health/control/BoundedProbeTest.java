package org.smtpeter.health.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BoundedProbeTest {

    private static final Duration TIMEOUT = Duration.ofMillis(200);

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicInteger started = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        threads.shutdownNow();
    }

    @Test
    void anAnswerInTimeIsReturned() {
        BoundedProbe<String> probe = new BoundedProbe<>(threads, () -> "fine", TIMEOUT);
        assertEquals(new BoundedProbe.Answered<>("fine"), probe.run());
    }

    @Test
    void aFailureIsReturnedWithItsCause() {
        IllegalStateException failure = new IllegalStateException("connection refused");
        BoundedProbe<String> probe = new BoundedProbe<>(threads, () -> {
            throw failure;
        }, TIMEOUT);
        assertEquals(failure, ((BoundedProbe.Failed<String>) probe.run()).error());
    }

    @Test
    void aHangingProbeTimesOutAndIsNotStartedTwice() throws Exception {
        BoundedProbe<String> probe = new BoundedProbe<>(threads, this::hang, TIMEOUT);

        long before = System.nanoTime();
        assertInstanceOf(BoundedProbe.TimedOut.class, probe.run());
        assertTrue(System.nanoTime() - before < Duration.ofSeconds(2).toNanos());
        BoundedProbe.Outcome<String> second = probe.run();

        assertInstanceOf(BoundedProbe.TimedOut.class, second);
        assertTrue(((BoundedProbe.TimedOut<String>) second).runningFor().compareTo(TIMEOUT.multipliedBy(2)) >= 0,
                second::toString);
        assertEquals(1, started.get(), "one probe at a time");

        release.countDown();
        Thread.sleep(100);
        assertEquals(new BoundedProbe.Answered<>("late"), probe.run());
        assertEquals(2, started.get(), "once the hung probe has ended, the next call probes afresh");
    }

    @Test
    void anExecutorThatRefusesIsAFailure() {
        BoundedProbe<String> probe = new BoundedProbe<>(task -> {
            throw new RejectedExecutionException("full");
        }, () -> "never", TIMEOUT);
        assertInstanceOf(RejectedExecutionException.class, ((BoundedProbe.Failed<String>) probe.run()).error());
    }

    private String hang() {
        started.incrementAndGet();
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "late";
    }
}
