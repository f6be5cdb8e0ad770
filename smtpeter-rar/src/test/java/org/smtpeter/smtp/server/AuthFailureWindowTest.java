package org.smtpeter.smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

class AuthFailureWindowTest {

    private static final String GUESSER = "198.51.100.23";
    private static final String NEIGHBOUR = "198.51.100.24";
    private static final Duration WINDOW = Duration.ofMinutes(10);

    /** A clock the test moves by hand. */
    private static final class TestClock extends Clock {
        private Instant now = Instant.parse("2025-01-01T12:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final TestClock clock = new TestClock();
    private final AuthFailureWindow throttle = new AuthFailureWindow(3, WINDOW, clock);

    /** Attempts that all turn out to be wrong passwords (nothing is refunded). */
    private void fail(String address, int times) {
        for (int i = 0; i < times; i++) {
            assertTrue(throttle.tryAttempt(address), "attempt " + i + " should be allowed");
            throttle.failed(address);
        }
    }

    @Test
    void unknownAddressMayTry() {
        assertTrue(throttle.tryAttempt(GUESSER));
    }

    @Test
    void refusesOnceTheLimitOfWrongPasswordsIsReachedWithinTheWindow() {
        fail(GUESSER, 3);
        assertFalse(throttle.tryAttempt(GUESSER));
    }

    @Test
    void refusedAttemptsDoNotExtendTheBlock() {
        fail(GUESSER, 3);
        for (int minute = 0; minute < 9; minute++) {
            clock.advance(Duration.ofMinutes(1));
            assertFalse(throttle.tryAttempt(GUESSER), "still inside the window at minute " + (minute + 1));
        }
        clock.advance(Duration.ofMinutes(1));
        assertTrue(throttle.tryAttempt(GUESSER), "ten minutes after the failures, however often it was refused since");
    }

    @Test
    void windowSlidesOneFailureAtATime() {
        fail(GUESSER, 1);                         // t = 0
        clock.advance(Duration.ofMinutes(4));
        fail(GUESSER, 1);                         // t = 4
        clock.advance(Duration.ofMinutes(4));
        fail(GUESSER, 1);                         // t = 8
        assertFalse(throttle.tryAttempt(GUESSER));
        clock.advance(Duration.ofMinutes(2));     // t = 10: the first failure has expired
        fail(GUESSER, 1);                         // t = 10: three within the last ten minutes again
        assertFalse(throttle.tryAttempt(GUESSER));
        clock.advance(Duration.ofMinutes(4));     // t = 14: only the failures at 8 and 10 remain
        assertTrue(throttle.tryAttempt(GUESSER));
    }

    @Test
    void failuresSpreadWiderThanTheWindowNeverBlock() {
        for (int i = 0; i < 20; i++) {
            fail(GUESSER, 1);
            clock.advance(Duration.ofMinutes(6));
        }
    }

    @Test
    void theRightPasswordGivesItsAttemptBackButDoesNotResetTheCount() {
        // A guesser with one valid credential of its own must not restart every round from zero.
        fail(GUESSER, 2);
        assertTrue(throttle.tryAttempt(GUESSER));
        throttle.refund(GUESSER);
        fail(GUESSER, 1);
        assertFalse(throttle.tryAttempt(GUESSER), "three failures in the window, whatever happened between");
    }

    @Test
    void onlyTheWindowLiftsABlock() {
        fail(GUESSER, 3);
        throttle.refund(NEIGHBOUR);
        assertFalse(throttle.tryAttempt(GUESSER));
        clock.advance(WINDOW);
        assertTrue(throttle.tryAttempt(GUESSER));
    }

    @Test
    void parallelWrongPasswordsGetNoMoreThanTheLimit() throws Exception {
        assertEquals(3, parallel(64, () -> {
            boolean allowed = throttle.tryAttempt(GUESSER);
            if (allowed) {
                throttle.failed(GUESSER); // each guess let in is wrong
            }
            return allowed;
        }));
    }

    @Test
    void parallelRightPasswordsAllGetInAFewAtATime() throws Exception {
        // One customer's Postfix opening twenty connections at once, all with the right password.
        assertEquals(20, parallel(20, () -> {
            boolean allowed = throttle.tryAttempt(GUESSER);
            if (allowed) {
                throttle.refund(GUESSER);
            }
            return allowed;
        }));
    }

    @Test
    void anAttemptNeverSettledCostsItsPlaceForOneWindowAtMost() {
        assertTrue(throttle.tryAttempt(GUESSER));
        assertTrue(throttle.tryAttempt(GUESSER));
        fail(GUESSER, 1); // two attempts left open, as by a session that vanished, and one failure
        clock.advance(WINDOW);
        fail(GUESSER, 2);
        assertTrue(throttle.tryAttempt(GUESSER), "the old open attempts and the old failure have left the window");
    }

    /** How many of {@code count} attempts, started together, were let in. */
    private static int parallel(int count, Callable<Boolean> attempt) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> attempts = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                attempts.add(threads.submit(() -> {
                    start.await();
                    return attempt.call();
                }));
            }
            start.countDown();
            int allowed = 0;
            for (Future<Boolean> result : attempts) {
                allowed += result.get() ? 1 : 0;
            }
            return allowed;
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void ipv4AddressesAreIndependent() {
        fail(GUESSER, 3);
        assertFalse(throttle.tryAttempt(GUESSER));
        assertTrue(throttle.tryAttempt(NEIGHBOUR));
    }

    @Test
    void ipv6AddressesCountPerSlash64() {
        fail("2001:db8:1:2::1", 2);
        fail("2001:db8:1:2:ffff::99", 1);
        assertFalse(throttle.tryAttempt("2001:db8:1:2:abcd::7"), "the same /64");
        assertTrue(throttle.tryAttempt("2001:db8:1:3::1"), "the next /64");
    }
}
