package org.smtpeter.delivery.control;

import java.net.InetAddress;

/**
 * One server mail can be handed to: an MX host's address, or the smart host.
 *
 * @param host     the name (MX target or smart host), for logs and TLS
 * @param address  the address to connect to
 * @param port     25 for MX hosts, the configured port for a smart host
 * @param tls      how TLS is used with this hop
 * @param username AUTH user for a smart host, else null
 * @param password AUTH password for a smart host, else null
 */
public record Hop(String host, InetAddress address, int port, DeliverySettings.TlsMode tls, String username,
                  String password) {

    /** Hops with the same key can share a connection and a concurrency limit. */
    public String key() {
        return address.getHostAddress() + ":" + port;
    }

    @Override
    public String toString() {
        return host + "[" + address.getHostAddress() + "]:" + port;
    }
}
