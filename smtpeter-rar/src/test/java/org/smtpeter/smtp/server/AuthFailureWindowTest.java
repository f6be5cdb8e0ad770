package org.smtpeter.smtp.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

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

    private void fail(String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(address);
        }
    }

    @Test
    void unknownAddressIsNotBlocked() {
        assertFalse(throttle.isBlocked(GUESSER));
    }

    @Test
    void blocksOnceTheLimitIsReachedWithinTheWindow() {
        fail(GUESSER, 2);
        assertFalse(throttle.isBlocked(GUESSER));
        throttle.failed(GUESSER);
        assertTrue(throttle.isBlocked(GUESSER));
    }

    @Test
    void unblocksWhenTheFailuresSlideOutOfTheWindow() {
        fail(GUESSER, 3);
        clock.advance(WINDOW.minusSeconds(1));
        assertTrue(throttle.isBlocked(GUESSER), "still inside the window");
        clock.advance(Duration.ofSeconds(2));
        assertFalse(throttle.isBlocked(GUESSER), "window has passed");
    }

    @Test
    void windowSlidesOneFailureAtATime() {
        throttle.failed(GUESSER);                 // t = 0
        clock.advance(Duration.ofMinutes(4));
        throttle.failed(GUESSER);                 // t = 4
        clock.advance(Duration.ofMinutes(4));
        throttle.failed(GUESSER);                 // t = 8
        assertTrue(throttle.isBlocked(GUESSER));
        clock.advance(Duration.ofMinutes(3));     // t = 11: the first failure has expired
        assertFalse(throttle.isBlocked(GUESSER));
        throttle.failed(GUESSER);                 // t = 11: three within the last ten minutes again
        assertTrue(throttle.isBlocked(GUESSER));
        clock.advance(Duration.ofMinutes(5));     // t = 16: only the failures at 8 and 11 remain
        assertFalse(throttle.isBlocked(GUESSER));
    }

    @Test
    void failuresSpreadWiderThanTheWindowNeverBlock() {
        for (int i = 0; i < 20; i++) {
            throttle.failed(GUESSER);
            assertFalse(throttle.isBlocked(GUESSER), "failure " + i);
            clock.advance(Duration.ofMinutes(6));
        }
    }

    @Test
    void aSuccessDoesNotResetTheCount() {
        // A guesser with one valid credential of its own must not restart every round from zero.
        fail(GUESSER, 2);
        throttle.succeeded(GUESSER);
        assertFalse(throttle.isBlocked(GUESSER));
        throttle.failed(GUESSER);
        assertTrue(throttle.isBlocked(GUESSER), "three failures in the window, whatever happened between");
    }

    @Test
    void aSuccessDoesNotLiftABlock() {
        fail(GUESSER, 5);
        assertTrue(throttle.isBlocked(GUESSER));
        throttle.succeeded(GUESSER);
        assertTrue(throttle.isBlocked(GUESSER));
        clock.advance(WINDOW.plusSeconds(1));
        assertFalse(throttle.isBlocked(GUESSER), "only the window lifts it");
    }

    @Test
    void addressesAreIndependent() {
        fail(GUESSER, 3);
        assertTrue(throttle.isBlocked(GUESSER));
        assertFalse(throttle.isBlocked(NEIGHBOUR));
        fail(NEIGHBOUR, 2);
        throttle.succeeded(NEIGHBOUR);
        assertTrue(throttle.isBlocked(GUESSER), "a success elsewhere does not help the guesser");
    }
}
