package org.smtpeter.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class RoundsTest {

    @Test
    void runsRoundsWhileTheyFindWork() {
        AtomicInteger calls = new AtomicInteger();
        Rounds rounds = new Rounds(() -> calls.incrementAndGet() < 3);

        rounds.run();

        assertEquals(3, calls.get(), "two rounds with work, then one that found none");
    }

    @Test
    void aWakeUpDuringARunIsNotLost() throws Exception {
        CountDownLatch inFirstRound = new CountDownLatch(1);
        CountDownLatch woken = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        Rounds rounds = new Rounds(() -> {
            if (calls.incrementAndGet() == 1) {
                inFirstRound.countDown();
                await(woken);
            }
            return false;
        });
        Thread runner = new Thread(rounds::run);
        runner.start();
        assertTrue(inFirstRound.await(5, TimeUnit.SECONDS));

        // Another thread wakes it and tries to run: the runner is busy, so it must look again itself.
        rounds.wake();
        rounds.run();
        woken.countDown();
        runner.join(5000);

        assertEquals(2, calls.get(), "the runner looked once more for the wake-up");
    }

    @Test
    void doesNothingOnceStopped() {
        AtomicInteger calls = new AtomicInteger();
        Rounds rounds = new Rounds(() -> calls.incrementAndGet() > 0);
        rounds.stop();

        rounds.wake();
        rounds.run();

        assertEquals(0, calls.get());
        assertTrue(rounds.isStopped());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
