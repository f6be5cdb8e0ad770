package org.smtpeter.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class BounceAddressesTest {

    private final BounceAddresses addresses = addresses("Bounces.Example.com");

    @Test
    void aCopysBounceAndUnsubscribeAddressesShareItsToken() {
        String token = addresses.newToken();

        assertEquals("b-" + token + "@bounces.example.com", addresses.address(token, addresses.domain()));
        assertEquals("u-" + token + "@bounces.example.com", addresses.unsubscribeAddress(token, addresses.domain()));
        assertEquals(Optional.of(token), addresses.token(addresses.address(token, addresses.domain())));
        assertEquals(Optional.of(token), addresses.token(addresses.unsubscribeAddress(token, addresses.domain()).toUpperCase()));
        assertTrue(addresses.isUnsubscribeAddress(addresses.unsubscribeAddress(token, addresses.domain())));
        assertFalse(addresses.isUnsubscribeAddress(addresses.address(token, addresses.domain())));
    }

    @Test
    void addressesOnASenderDomainsBounceHostAreTheRelaysToo() {
        String token = addresses.newToken();
        String bounce = addresses.address(token, "bounce.news.example.org");

        assertEquals("b-" + token + "@bounce.news.example.org", bounce);
        assertTrue(addresses.isBounceDomain(bounce));
        assertTrue(addresses.isBounceDomain("B-" + token + "@Bounce.News.Example.org"));
        assertEquals(Optional.of(token), addresses.token(bounce));
        assertTrue(addresses.isUnsubscribeAddress(addresses.unsubscribeAddress(token, "bounce.news.example.org")));
        assertFalse(addresses.isBounceDomain("b-" + token + "@bounce.other.example.org"), "not a configured host");
        assertEquals(Optional.empty(), addresses.token("b-" + token + "@news.example.org"));
    }

    @Test
    void otherShapesHaveNoToken() {
        String token = addresses.newToken();

        assertEquals(Optional.empty(), addresses.token("x-" + token + "@bounces.example.com"));
        assertEquals(Optional.empty(), addresses.token("u-" + token + "@elsewhere.example.com"));
        assertEquals(Optional.empty(), addresses.token("u-" + token + "x@bounces.example.com"));
        assertFalse(addresses.isUnsubscribeAddress("u-" + token + "@elsewhere.example.com"));
    }

    private static BounceAddresses addresses(String domain) {
        BounceAddresses addresses = new BounceAddresses();
        addresses.configuredDomain = Optional.of(domain);
        addresses.hostName = Optional.empty();
        addresses.resolveDomain(Set.of("bounce.news.example.org")::contains);
        return addresses;
    }
}
