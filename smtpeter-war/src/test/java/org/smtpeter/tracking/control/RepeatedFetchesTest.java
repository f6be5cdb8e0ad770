package org.smtpeter.tracking.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.smtpeter.testing.ManualClock;

class RepeatedFetchesTest {

    private static final TrackedLink SHOP = new TrackedLink(TrackingKind.CLICK, "m1", "bob@example.net", 1,
            "https://shop.example.com/");
    private static final TrackedLink PIXEL = new TrackedLink(TrackingKind.OPEN, "m1", "bob@example.net", 0, "");

    private static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0";

    private final ManualClock clock = new ManualClock();
    private final RepeatedFetches repeats = new RepeatedFetches(60, 1000, clock);

    @Test
    void aFloodFromOneClientCountsOnce() {
        long first = IntStream.range(0, 500).filter(i -> repeats.isFirst(SHOP, "198.51.100.7", BROWSER)).count();

        assertEquals(1, first);
    }

    @Test
    void otherClientsOtherLinksAndOtherCopiesCountOnTheirOwn() {
        assertTrue(repeats.isFirst(SHOP, "198.51.100.7", BROWSER));
        assertTrue(repeats.isFirst(SHOP, "198.51.100.8", BROWSER));
        assertTrue(repeats.isFirst(PIXEL, "198.51.100.7", BROWSER));
        assertTrue(repeats.isFirst(new TrackedLink(TrackingKind.CLICK, "m1", "bob@example.net", 2,
                "https://shop.example.com/"), "198.51.100.7", BROWSER), "the same URL at another position");
        assertTrue(repeats.isFirst(new TrackedLink(TrackingKind.CLICK, "m1", "carol@example.net", 1,
                "https://shop.example.com/"), "198.51.100.7", BROWSER), "another recipient's copy");
    }

    @Test
    void oneIpv6Slash64IsOneClient() {
        assertTrue(repeats.isFirst(SHOP, "2001:db8:1:2::10", BROWSER));
        assertFalse(repeats.isFirst(SHOP, "2001:db8:1:2:ffff::99", BROWSER));
        assertTrue(repeats.isFirst(SHOP, "2001:db8:1:3::10", BROWSER));
    }

    @Test
    void aPersonAndAMachineBehindOneAddressAreTwoClients() {
        assertTrue(repeats.isFirst(SHOP, "198.51.100.7", "Mozilla/5.0 (via ggpht.com GoogleImageProxy)"));
        assertTrue(repeats.isFirst(SHOP, "198.51.100.7", BROWSER), "the person's click after the scanner's");
        assertFalse(repeats.isFirst(SHOP, "198.51.100.7", "Mozilla/5.0 (Macintosh) Safari/605.1.15"),
                "another browser of the same client is a repeat, so rotating the User-Agent does not flood");
    }

    @Test
    void afterTheWindowAFetchCountsAgain() {
        assertTrue(repeats.isFirst(SHOP, "198.51.100.7", BROWSER));
        clock.advance(Duration.ofSeconds(59));
        assertFalse(repeats.isFirst(SHOP, "198.51.100.7", BROWSER));
        clock.advance(Duration.ofSeconds(1));
        assertTrue(repeats.isFirst(SHOP, "198.51.100.7", BROWSER), "60 s after the counted fetch, not after the last repeat");
    }

    @Test
    void aWindowOfZeroCountsEveryFetch() {
        RepeatedFetches everyFetch = new RepeatedFetches(0, 1000, clock);

        assertTrue(everyFetch.isFirst(SHOP, "198.51.100.7", BROWSER));
        assertTrue(everyFetch.isFirst(SHOP, "198.51.100.7", BROWSER));
    }

    @Test
    void badSettingsAreRefusedWithTheSettingsName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new RepeatedFetches(-1, 1000, clock))
                .getMessage().startsWith("smtpeter.tracking.repeat-window-seconds"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new RepeatedFetches(60, 0, clock))
                .getMessage().startsWith("smtpeter.tracking.repeat-memory"));
    }
}
