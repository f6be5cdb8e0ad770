package org.smtpeter.users.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.api.Test;

class TotpTest {

    private static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest(name = "t={0}")
    @CsvFileSource(resources = "/users/rfc6238-sha1.csv")
    void matchesTheRfcTestVectors(long unixTime, String expected) {
        long step = Totp.step(Instant.ofEpochSecond(unixTime));
        assertEquals(expected, Totp.code(RFC_SECRET, step, "HmacSHA1", 8));
        // Authenticator apps show the last six digits of the same value.
        assertEquals(expected.substring(2), Totp.code(RFC_SECRET, step));
    }

    @Test
    void acceptsTheStepBeforeAndAfterButNoFurther() {
        Instant now = Instant.ofEpochSecond(1_111_111_111L);
        long current = Totp.step(now);
        assertEquals(OptionalLong.of(current), Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, current), now));
        assertEquals(OptionalLong.of(current - 1), Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, current - 1), now));
        assertEquals(OptionalLong.of(current + 1), Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, current + 1), now));
        assertTrue(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, current - 2), now).isEmpty());
    }

    @Test
    void refusesWhatIsNoSixDigitCode() {
        Instant now = Instant.ofEpochSecond(59);
        assertTrue(Totp.matchingStep(RFC_SECRET, null, now).isEmpty());
        assertTrue(Totp.matchingStep(RFC_SECRET, "", now).isEmpty());
        assertTrue(Totp.matchingStep(RFC_SECRET, "94287082", now).isEmpty());
        assertTrue(Totp.matchingStep(RFC_SECRET, "28708a", now).isEmpty());
        assertEquals(OptionalLong.of(1), Totp.matchingStep(RFC_SECRET, " 287 082 ", now));
    }
}
