package org.smtpeter.dashboard.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class UtcTimesTest {

    @Test
    void showsUtcToTheSecond() {
        assertEquals("2025-06-01 14:30:05", UtcTimes.format(Instant.parse("2025-06-01T14:30:05.123Z")));
        assertEquals("", UtcTimes.format(null));
    }

    @Test
    void readsWhatDatetimeLocalInputsSendAsUtc() {
        assertEquals(Instant.parse("2025-06-01T14:30:00Z"), UtcTimes.parse("2025-06-01T14:30").orElseThrow());
        assertEquals(Instant.parse("2025-06-01T14:30:15Z"), UtcTimes.parse("2025-06-01T14:30:15").orElseThrow());
        assertEquals(Instant.parse("2025-06-01T00:00:00Z"), UtcTimes.parse(" 2025-06-01 ").orElseThrow());
    }

    @Test
    void blankIsNoTimeAndNonsenseIsRefusedWithAnExample() {
        assertTrue(UtcTimes.parse("  ").isEmpty());
        assertTrue(UtcTimes.parse(null).isEmpty());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> UtcTimes.parse("yesterday"));
        assertTrue(refused.getMessage().contains("2025-06-01T14:30"), refused.getMessage());
    }

    @Test
    void formatsForTheInputItReads() {
        Instant time = Instant.parse("2025-12-31T23:59:00Z");
        assertEquals(time, UtcTimes.parse(UtcTimes.formatInput(time)).orElseThrow());
    }
}
