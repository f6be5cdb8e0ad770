package org.smtpeter.platform.control;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Who a client is, for counting: an IPv4 address stands for itself, an IPv6 address for its /64,
 * because one subscriber line or host usually gets a whole /64 and can pick any address in it.
 */
public final class ClientAddresses {

    private ClientAddresses() {
    }

    /**
     * @param address a literal address as the servlet container reports it (never a host name)
     * @return the IPv4 address, {@code 2001:db8:1:2::/64} for an IPv6 one, or the text as given when it is no address
     */
    public static String group(String address) {
        if (address == null || address.isBlank()) {
            return "";
        }
        String literal = address.strip();
        if (!literal.contains(":")) {
            return literal;
        }
        try {
            // A literal with a colon is parsed, never looked up; brackets and a zone id are dropped first.
            String bare = literal.replaceAll("^\\[|]$", "").replaceAll("%.*$", "");
            InetAddress parsed = InetAddress.getByName(bare);
            if (!(parsed instanceof Inet6Address)) {
                return parsed.getHostAddress();
            }
            byte[] bytes = parsed.getAddress();
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(Integer.toHexString(((bytes[i] & 0xFF) << 8) | (bytes[i + 1] & 0xFF))).append(':');
            }
            return prefix.append(":/64").toString();
        } catch (UnknownHostException notAnAddress) {
            return literal;
        }
    }
}
