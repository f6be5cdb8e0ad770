package org.smtpeter.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.Collator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;

class TimeOrderedTokensTest {

    private static final String TIME_SYMBOLS = "0123456789abcdefghjkmnpqrstvwxyz";
    private static final String RANDOM_SYMBOLS = "0123456789ABCDEFGHJKMNPQRSTVWXYZabcdefghjkmnpqrstvwxyz";

    @Test
    void aTokenIsTheTimeInHundredthsThenRandomSymbols() {
        TimeOrderedTokens tokens = at("1970-01-01T00:00:00.329Z");

        String token = tokens.next();

        assertEquals(20, token.length());
        assertEquals("00000010", token.substring(0, 8), "329 ms are 32 hundredths, 10 in base 32");
        assertTrue(token.substring(8).chars().allMatch(c -> RANDOM_SYMBOLS.indexOf(c) >= 0), token);
    }

    @Test
    void laterTokensSortAfterEarlierOnesByCodePointAndByLanguage() {
        Collator english = Collator.getInstance(Locale.ENGLISH);
        String previous = null;
        for (Instant time = Instant.parse("2026-12-07T23:00:00Z"); time.isBefore(Instant.parse("2026-12-08T01:00:00Z"));
                time = time.plusMillis(977)) {
            String token = new TimeOrderedTokens(TIME_SYMBOLS, RANDOM_SYMBOLS, 12, Clock.fixed(time, ZoneOffset.UTC)).next();
            if (previous != null) {
                assertTrue(previous.compareTo(token) < 0, previous + " before " + token);
                assertTrue(english.compare(previous, token) < 0, previous + " before " + token + " in English");
            }
            previous = token;
        }
    }

    @Test
    void tokensOfTheSameHundredthDifferInTheirRandomPart() {
        TimeOrderedTokens tokens = at("2026-12-07T23:00:00Z");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            seen.add(tokens.next());
        }
        assertEquals(10_000, seen.size());
        String one = tokens.next();
        String other = tokens.next();
        assertEquals(one.substring(0, 8), other.substring(0, 8));
        assertNotEquals(one.substring(8), other.substring(8));
    }

    @Test
    void theTimeNeedsThirtyTwoAscendingSymbols() {
        Clock clock = Clock.systemUTC();
        assertThrows(IllegalArgumentException.class, () -> new TimeOrderedTokens("0123456789", RANDOM_SYMBOLS, 12, clock));
        assertThrows(IllegalArgumentException.class,
                () -> new TimeOrderedTokens("abcdefghjkmnpqrstvwxyz0123456789", RANDOM_SYMBOLS, 12, clock));
    }

    private static TimeOrderedTokens at(String instant) {
        return new TimeOrderedTokens(TIME_SYMBOLS, RANDOM_SYMBOLS, 12, Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
    }
}
