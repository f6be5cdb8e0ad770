package org.smtpeter.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class ClientAddressesTest {

    @Test
    void anIpv4AddressStandsForItself() {
        assertEquals("198.51.100.7", ClientAddresses.group("198.51.100.7"));
        assertNotEquals(ClientAddresses.group("198.51.100.7"), ClientAddresses.group("198.51.100.8"));
    }

    @Test
    void ipv6AddressesAreGroupedByTheirSlash64() {
        assertEquals("2001:db8:1:2::/64", ClientAddresses.group("2001:db8:1:2:aaaa:bbbb:cccc:dddd"));
        assertEquals(ClientAddresses.group("2001:db8:1:2::1"), ClientAddresses.group("[2001:0db8:0001:0002:ffff::9]"));
        assertNotEquals(ClientAddresses.group("2001:db8:1:2::1"), ClientAddresses.group("2001:db8:1:3::1"));
        assertEquals("fe80:0:0:0::/64", ClientAddresses.group("fe80::1%eth0"));
    }

    @Test
    void anIpv4MappedAddressIsTheIpv4Address() {
        assertEquals("192.0.2.1", ClientAddresses.group("::ffff:192.0.2.1"));
    }

    @Test
    void whatIsNoAddressIsKeptAsGiven() {
        assertEquals("", ClientAddresses.group(null));
        assertEquals("not:an:address:at:all", ClientAddresses.group("not:an:address:at:all"));
    }
}
