package org.smtpeter.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class BounceAddressesTest {

    private final BounceAddresses addresses = addresses("Bounces.Example.com");

    @Test
    void aCopysBounceAndUnsubscribeAddressesShareItsToken() {
        String token = addresses.newToken();

        assertEquals("b-" + token + "@bounces.example.com", addresses.address(token));
        assertEquals("u-" + token + "@bounces.example.com", addresses.unsubscribeAddress(token));
        assertEquals(Optional.of(token), addresses.token(addresses.address(token)));
        assertEquals(Optional.of(token), addresses.token(addresses.unsubscribeAddress(token).toUpperCase()));
        assertTrue(addresses.isUnsubscribeAddress(addresses.unsubscribeAddress(token)));
        assertFalse(addresses.isUnsubscribeAddress(addresses.address(token)));
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
        addresses.resolveDomain();
        return addresses;
    }
}
