package org.smtpeter.smtp.protocol;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The time limits of a conversation on a clock the test moves by hand. */
class DeadlinesTest {

    /** Idle 300 s (10 s under stress), command 120 s, transaction 30 min, 500 octets/s. */
    private static final Limits LIMITS = Limits.defaults();

    private long now;
    private boolean stressed;
    private final Deadlines deadlines = new Deadlines(LIMITS, () -> stressed, () -> now);

    private void advance(Duration duration) {
        now += duration.toNanos();
    }

    private String expiredWith() {
        return assertThrows(Deadlines.Expired.class, deadlines::check).reply().line();
    }

    @Test
    void silenceEndsAfterTheIdleTimeout() {
        deadlines.waiting();
        advance(Duration.ofSeconds(300));
        assertDoesNotThrow(deadlines::check);
        advance(Duration.ofSeconds(1));
        assertEquals("421 4.4.2 Timeout; closing connection", expiredWith());
    }

    @Test
    void underStressSilenceEndsAfterTheStressTimeoutEvenForAClientWaitingAlready() {
        deadlines.waiting();
        advance(Duration.ofSeconds(60));
        assertDoesNotThrow(deadlines::check);
        stressed = true;
        assertEquals("421 4.4.2 Timeout; closing connection", expiredWith());
    }

    @Test
    void arrivingOctetsEndTheSilence() {
        deadlines.waiting();
        advance(Duration.ofSeconds(299));
        deadlines.received(10);
        advance(Duration.ofSeconds(299));
        assertDoesNotThrow(deadlines::check);
    }

    @Test
    void aCommandLineHasItsOwnTimeout() {
        deadlines.lineStarted();
        advance(Duration.ofSeconds(121));
        assertEquals("421 4.4.2 Timeout; closing connection", expiredWith());
        deadlines.lineEnded();
        assertDoesNotThrow(deadlines::check);
    }

    @Test
    void aTransactionMustEndWithinItsTimeLimitHoweverBusyTheClientIs() {
        deadlines.transaction(true);
        for (int minute = 0; minute < 30; minute++) {
            advance(Duration.ofMinutes(1));
            deadlines.transaction(true); // another RCPT: the clock keeps running from MAIL
            deadlines.received(40);
            assertDoesNotThrow(deadlines::check);
        }
        advance(Duration.ofSeconds(1));
        assertEquals("421 4.4.2 Mail transaction time limit exceeded; closing connection", expiredWith());
    }

    @Test
    void theNextTransactionStartsAFreshClock() {
        deadlines.transaction(true);
        advance(Duration.ofMinutes(29));
        deadlines.transaction(false);
        deadlines.transaction(true);
        advance(Duration.ofMinutes(29));
        assertDoesNotThrow(deadlines::check);
    }

    @Test
    void oneOctetEveryFewMinutesDoesNotKeepDataOpen() {
        deadlines.dataStarted();
        for (int i = 0; i < 2; i++) {
            advance(Duration.ofSeconds(299));
            deadlines.received(1); // never silent for a whole idle timeout
        }
        assertEquals("421 4.4.2 Message data arriving too slowly; closing connection", expiredWith());
    }

    @Test
    void dataAtTheMinimumRateIsFine() throws Deadlines.Expired {
        deadlines.dataStarted();
        for (int second = 0; second < 3600; second++) {
            advance(Duration.ofSeconds(1));
            deadlines.received(500);
            deadlines.check();
        }
        deadlines.dataEnded();
        advance(Duration.ofSeconds(299));
        assertDoesNotThrow(deadlines::check);
    }
}
