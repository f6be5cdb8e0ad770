package org.smtpeter.users.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.smtpeter.testing.ManualClock;

class LoginThrottleTest {

    private static final String GUESSER = "198.51.100.23";

    private final ManualClock clock = new ManualClock();
    private final LoginThrottle throttle = new LoginThrottle(3, 5, 900, clock);

    @Test
    void aUserNameIsRefusedAfterItsFailuresUntilTheWindowEnds() {
        fail("admin", GUESSER, 3);

        LoginThrottle.Attempt refused = throttle.begin("admin", "203.0.113.9");

        assertTrue(refused.refused(), "another address does not help");
        assertEquals(15, throttle.minutesToWait(refused));
        assertFalse(throttle.begin("operator", "203.0.113.9").refused(), "other users are not locked");
        clock.advance(Duration.ofMinutes(15));
        assertFalse(throttle.begin("admin", GUESSER).refused());
    }

    @Test
    void userNamesCountWithoutCaseOrSurroundingSpace() {
        fail("Admin", GUESSER, 2);
        fail(" admin ", GUESSER, 1);

        assertTrue(throttle.begin("ADMIN", GUESSER).refused());
    }

    @Test
    void anAddressIsRefusedAfterItsFailuresWhateverUserItTries() {
        for (int i = 0; i < 5; i++) {
            fail("user" + i, GUESSER, 1);
        }

        assertTrue(throttle.begin("user-never-tried", GUESSER).refused());
        assertFalse(throttle.begin("user-never-tried", "198.51.100.24").refused(), "the neighbour is another client");
    }

    @Test
    void anIpv6Slash64IsOneAddress() {
        for (int i = 0; i < 5; i++) {
            fail("user" + i, "2001:db8:7:7::" + Integer.toHexString(i + 1), 1);
        }

        assertTrue(throttle.begin("someone", "2001:db8:7:7:ffff:ffff:ffff:ffff").refused());
        assertFalse(throttle.begin("someone", "2001:db8:7:8::1").refused());
    }

    @Test
    void refusedAttemptsDoNotExtendTheWindow() {
        fail("admin", GUESSER, 3);
        for (int minute = 1; minute < 15; minute++) {
            clock.advance(Duration.ofMinutes(1));
            LoginThrottle.Attempt refused = throttle.begin("admin", GUESSER);
            assertTrue(refused.refused());
            assertEquals(15 - minute, throttle.minutesToWait(refused));
        }

        clock.advance(Duration.ofMinutes(1));

        assertFalse(throttle.begin("admin", GUESSER).refused(), "15 minutes after the first failure");
    }

    @Test
    void aSuccessIsNoFailure() {
        fail("admin", GUESSER, 2);
        for (int i = 0; i < 10; i++) {
            throttle.succeeded(throttle.begin("admin", GUESSER));
        }

        fail("admin", GUESSER, 1);
        assertTrue(throttle.begin("admin", GUESSER).refused(), "two failures before and one after: three");
    }

    @Test
    void theWaitIsRoundedUpToWholeMinutes() {
        LoginThrottle shortWindow = new LoginThrottle(1, 5, 20, clock);
        shortWindow.begin("admin", GUESSER);

        assertEquals(1, shortWindow.minutesToWait(shortWindow.begin("admin", GUESSER)));
    }

    @Test
    void parallelTriesNeverGetPastTheLimit() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> tries = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            tries.add(threads.submit(() -> {
                start.await();
                return !throttle.begin("admin", GUESSER).refused();
            }));
        }
        start.countDown();
        int allowed = 0;
        for (Future<Boolean> attempt : tries) {
            allowed += attempt.get() ? 1 : 0;
        }
        threads.shutdown();

        assertEquals(3, allowed, "only as many password checks as the limit allows");
    }

    @Test
    void settingsBelowOneAreRefusedWithTheirName() {
        assertEquals("smtpeter.dashboard.login.max-failures must be at least 1, not 0",
                assertThrows(IllegalArgumentException.class, () -> new LoginThrottle(0, 5, 900, clock)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LoginThrottle(3, 0, 900, clock));
        assertThrows(IllegalArgumentException.class, () -> new LoginThrottle(3, 5, 0, clock));
    }

    /** Attempts that the password check then finds wrong (nothing to report for a failure). */
    private void fail(String username, String address, int times) {
        for (int i = 0; i < times; i++) {
            assertFalse(throttle.begin(username, address).refused(), username + " from " + address + " try " + (i + 1));
        }
    }
}
