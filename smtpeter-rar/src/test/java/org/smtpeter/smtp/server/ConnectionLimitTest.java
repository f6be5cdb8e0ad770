package org.smtpeter.smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ConnectionLimitTest {

    /** 10 in total, 4 per client, the mta role 6; stress from 80%. */
    private final ConnectionLimit limit = new ConnectionLimit(10, 4, Map.of("mta", 6, "submission", 10), 80);

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private List<ConnectionLimit.Slot> open(String role, String client, int count) {
        List<ConnectionLimit.Slot> slots = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            slots.add(assertInstanceOf(ConnectionLimit.Slot.class, limit.admit(role, ip(client)), "connection " + i));
        }
        return slots;
    }

    @Test
    void oneClientGetsAtMostItsShareAcrossAllRoles() {
        open("mta", "192.0.2.1", 2);
        open("submission", "192.0.2.1", 2);
        assertSame(ConnectionLimit.TOO_MANY_FROM_CLIENT, limit.admit("smtps", ip("192.0.2.1")));
        assertInstanceOf(ConnectionLimit.Slot.class, limit.admit("smtps", ip("192.0.2.2")));
    }

    @Test
    void anIpv6ClientIsItsSlash64() {
        open("mta", "2001:db8:0:1::1", 2);
        open("mta", "2001:db8:0:1:ffff:ffff:ffff:ffff", 2);
        assertSame(ConnectionLimit.TOO_MANY_FROM_CLIENT, limit.admit("mta", ip("2001:db8:0:1::abcd")));
        assertInstanceOf(ConnectionLimit.Slot.class, limit.admit("mta", ip("2001:db8:0:2::1")));
    }

    @Test
    void oneRoleCannotTakeEverySlot() {
        open("mta", "192.0.2.1", 4);
        open("mta", "192.0.2.2", 2);
        assertSame(ConnectionLimit.TOO_MANY_FOR_ROLE, limit.admit("mta", ip("192.0.2.3")));
        open("submission", "192.0.2.3", 4);
    }

    @Test
    void theTotalHoldsForAllRoles() {
        open("mta", "192.0.2.1", 4);
        open("submission", "192.0.2.2", 4);
        open("smtps", "192.0.2.3", 2);
        assertSame(ConnectionLimit.TOO_MANY, limit.admit("smtps", ip("192.0.2.4")));
        assertEquals(10, limit.open());
    }

    /** A balancer's connections count for the clients its PROXY headers name, not for the balancer. */
    @Test
    void aBalancersConnectionsCountForTheClientsItNames() {
        List<ConnectionLimit.Slot> throughBalancer = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            throughBalancer.add(assertInstanceOf(ConnectionLimit.Slot.class, limit.admit("submission", ip("10.0.0.2"), false)));
        }
        for (int i = 0; i < 4; i++) {
            assertEquals(java.util.Optional.empty(), throughBalancer.get(i).countFor(ip("192.0.2.1")));
        }
        assertEquals(java.util.Optional.of(ConnectionLimit.TOO_MANY_FROM_CLIENT), throughBalancer.get(4).countFor(ip("192.0.2.1")));
        assertEquals(java.util.Optional.empty(), throughBalancer.get(5).countFor(ip("192.0.2.2")));

        throughBalancer.get(0).close();
        throughBalancer.get(4).close(); // refused: gives back its place, never counted for a client
        assertEquals(4, limit.open());
        assertInstanceOf(ConnectionLimit.Slot.class, limit.admit("mta", ip("192.0.2.1")));
        assertSame(ConnectionLimit.TOO_MANY_FROM_CLIENT, limit.admit("mta", ip("192.0.2.1")));
    }

    @Test
    void closingASlotGivesItBackOnce() {
        List<ConnectionLimit.Slot> slots = open("mta", "192.0.2.1", 4);
        slots.get(0).close();
        slots.get(0).close();
        assertEquals(3, limit.open());
        open("mta", "192.0.2.1", 1);
        assertSame(ConnectionLimit.TOO_MANY_FROM_CLIENT, limit.admit("mta", ip("192.0.2.1")));
    }

    @Test
    void stressBeginsAtTheThresholdAndEndsBelowIt() {
        open("mta", "192.0.2.1", 4);
        List<ConnectionLimit.Slot> more = open("submission", "192.0.2.2", 3);
        assertFalse(limit.isStressed(), "7 of 10");
        ConnectionLimit.Slot eighth = open("submission", "192.0.2.3", 1).get(0);
        assertTrue(limit.isStressed(), "8 of 10");
        eighth.close();
        assertFalse(limit.isStressed());
        more.forEach(ConnectionLimit.Slot::close);
    }

    @Test
    void refusalsNameTheLimit() {
        assertTrue(ConnectionLimit.TOO_MANY_FROM_CLIENT.reply().startsWith("421 4.7.0 "));
        assertTrue(ConnectionLimit.TOO_MANY_FOR_ROLE.reply().startsWith("421 4.3.2 "));
        assertTrue(ConnectionLimit.TOO_MANY.reply().startsWith("421 4.3.2 "));
    }
}
