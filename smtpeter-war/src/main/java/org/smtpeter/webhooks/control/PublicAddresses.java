package org.smtpeter.webhooks.control;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Which addresses a webhook may be sent to: only public ones, so that an account cannot make the
 * relay call into its own network (loopback, link-local, private, carrier-grade NAT, unique local,
 * multicast, documentation and reserved ranges, and IPv6 forms that embed such an IPv4 address).
 */
public final class PublicAddresses {

    /** IPv4 ranges that are not public beyond what InetAddress's own is...() methods know. */
    private static final List<Range> V4_NOT_PUBLIC = List.of(
            Range.of("0.0.0.0", 8),         // "this network"
            Range.of("100.64.0.0", 10),     // carrier-grade NAT (RFC 6598)
            Range.of("192.0.0.0", 24),      // IETF protocol assignments
            Range.of("192.0.2.0", 24),      // TEST-NET-1
            Range.of("198.18.0.0", 15),     // benchmarking
            Range.of("198.51.100.0", 24),   // TEST-NET-2
            Range.of("203.0.113.0", 24),    // TEST-NET-3
            Range.of("240.0.0.0", 4));      // reserved, and the broadcast address

    private static final List<Range> V6_NOT_PUBLIC = List.of(
            Range.of("fc00::", 7),          // unique local (RFC 4193)
            Range.of("2001:db8::", 32),     // documentation
            Range.of("100::", 64));         // discard-only

    private PublicAddresses() {
    }

    public static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        if (address instanceof Inet4Address) {
            return V4_NOT_PUBLIC.stream().noneMatch(range -> range.contains(address));
        }
        InetAddress embedded = embeddedIpv4((Inet6Address) address);
        if (embedded != null) {
            return isPublic(embedded);
        }
        return V6_NOT_PUBLIC.stream().noneMatch(range -> range.contains(address));
    }

    /**
     * The IPv4 address inside an IPv4-compatible (::a.b.c.d), IPv4-mapped (::ffff:a.b.c.d),
     * NAT64 (64:ff9b::a.b.c.d) or 6to4 (2002:aabb:ccdd::) address, which reach that IPv4 host.
     */
    private static InetAddress embeddedIpv4(Inet6Address address) {
        byte[] b = address.getAddress();
        int offset = -1;
        if (zero(b, 0, 10) && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0))) {
            offset = 12;
        } else if (b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b && zero(b, 4, 12)) {
            offset = 12;
        } else if (b[0] == 0x20 && b[1] == 0x02) {
            offset = 2;
        }
        if (offset < 0) {
            return null;
        }
        try {
            return InetAddress.getByAddress(new byte[] {b[offset], b[offset + 1], b[offset + 2], b[offset + 3]});
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static boolean zero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private record Range(byte[] network, int prefix) {

        static Range of(String network, int prefix) {
            try {
                return new Range(InetAddress.getByName(network).getAddress(), prefix);
            } catch (UnknownHostException literal) {
                throw new IllegalArgumentException(network, literal);
            }
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (bytes[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (bytes[full] & mask) == (network[full] & mask);
        }
    }
}
