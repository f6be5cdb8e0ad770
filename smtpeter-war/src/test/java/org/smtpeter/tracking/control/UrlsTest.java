package org.smtpeter.tracking.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UrlsTest {

    @Test
    void readsAttributeValuesAsBrowsersDo() {
        assertEquals("https://x.example/a?b=1&c=2#f", Urls.asBrowserSees("  https://x.example/a?b=1&c=2#f \n"));
        assertEquals("https://x.example/ab", Urls.asBrowserSees("https://x.example/a\n\tb"));
        assertEquals("https://x.example/a%20b", Urls.asBrowserSees("https://x.example/a%20b"));
    }

    @Test
    void knowsHttpInAnyCase() {
        assertTrue(Urls.isHttp("HTTPS://X.EXAMPLE"));
        assertTrue(Urls.isHttp("http://x"));
        assertFalse(Urls.isHttp("http://"));
        assertFalse(Urls.isHttp("httpx://x"));
        assertFalse(Urls.isHttp("//x.example/a"));
    }

    @Test
    void recognisesTheTrackingHostOnlyAtABoundary() {
        String base = "https://track.example.com";
        assertTrue(Urls.pointsAt("https://track.example.com/t/c/abc", base));
        assertTrue(Urls.pointsAt("HTTPS://TRACK.EXAMPLE.COM", base));
        assertTrue(Urls.pointsAt("https://track.example.com?x", base));
        assertFalse(Urls.pointsAt("https://track.example.com.evil.org/t/c/abc", base));
        assertFalse(Urls.pointsAt("https://track.example.co", base));
    }
}
