package org.smtpeter.tracking.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The host of a message's links, and the Host headers the endpoints answer. */
class TrackingHostsTest {

    private static final Set<String> DOMAIN_HOSTS = Set.of("track.example.com");

    private final TrackingHosts hosts = new TrackingHosts("https://track.relay.net/", DOMAIN_HOSTS::contains);

    @Test
    void withoutADomainHostTheLinksAreOnTheBaseUrl() {
        assertEquals("https://track.relay.net", hosts.baseUrl(Optional.empty()));
    }

    @Test
    void aDomainsLinksKeepTheSchemePortAndPathOfTheBaseUrl() {
        assertEquals("https://track.example.com", hosts.baseUrl(Optional.of("track.example.com")));
        assertEquals("http://track.example.com:8080/mail",
                new TrackingHosts("http://relay.net:8080/mail", DOMAIN_HOSTS::contains)
                        .baseUrl(Optional.of("track.example.com")));
    }

    @Test
    void theRelaysAndTheDomainsTrackingHostsAreAnswered() {
        assertTrue(hosts.answers("track.relay.net"));
        assertTrue(hosts.answers("Track.Relay.NET:443"));
        assertTrue(hosts.answers("track.example.com"));
        assertTrue(hosts.answers("track.example.com.:8443"));
    }

    @Test
    void anyOtherHostIsNot() {
        assertFalse(hosts.answers("evil.example.net"));
        assertFalse(hosts.answers("example.com"));
        assertFalse(hosts.answers("track.relay.net.evil.example.net"));
        assertFalse(hosts.answers("localhost:8080"), "loopback only when the base URL is on it");
        assertFalse(hosts.answers(""));
        assertFalse(hosts.answers(null));
    }

    @Test
    void aBaseUrlOnLoopbackTakesEveryLoopbackName() {
        TrackingHosts development = new TrackingHosts("http://127.0.0.1:8080", DOMAIN_HOSTS::contains);

        assertTrue(development.answers("127.0.0.1:8080"));
        assertTrue(development.answers("localhost:8080"));
        assertTrue(development.answers("[::1]:8080"));
        assertTrue(development.answers("track.example.com:8080"));
        assertFalse(development.answers("evil.example.net:8080"));
    }
}
