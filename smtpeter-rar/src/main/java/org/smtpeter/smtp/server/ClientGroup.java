package org.smtpeter.smtp.server;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Which connections count as one client for the per-client limits: an IPv4 address, or an IPv6
 * /64, since one site gets a whole /64 and can pick any address in it at will (as one IPv4
 * address stands for everyone behind a NAT).
 */
final class ClientGroup {

    private ClientGroup() {
    }

    static String of(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        byte[] bytes = address.getAddress();
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
            prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
        }
        return prefix.append(":/64").toString();
    }

    /** The same for an address in text form, as sessions know it; anything else stands for itself. */
    static String of(String address) {
        if (!address.matches("[0-9A-Fa-f.:]+")) {
            return address; // not an IP literal: never let it reach a name lookup
        }
        try {
            return of(InetAddress.getByName(address));
        } catch (UnknownHostException notALiteral) {
            return address;
        }
    }
}
