package org.smtpeter.smtp.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.smtpeter.smtp.protocol.ProxyHeader;

/**
 * Which peers are load balancers that send a PROXY header (v1 or v2) first, so that limits,
 * throttles, Received headers and logs see the client they stand for. Off when no peer is trusted
 * (the default); a header from any other peer is not read and is just a bad command.
 */
public final class ProxyProtocol {

    public static final String KEY = "smtpeter.proxy-protocol.trusted";
    public static final ProxyProtocol OFF = new ProxyProtocol(List.of());
    /** A balancer sends the header at once; a peer that does not is not one. */
    static final Duration HEADER_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    /** One trusted network: an address and how many of its leading bits count. */
    private record Network(byte[] address, int bits) {
        boolean contains(InetAddress candidate) {
            byte[] other = candidate.getAddress();
            if (other.length != address.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((other[bit / 8] & mask) != (address[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Network> trusted;

    private ProxyProtocol(List<Network> trusted) {
        this.trusted = trusted;
    }

    /**
     * @param spec addresses or networks separated by commas, such as {@code 10.0.0.5, 192.0.2.0/24,
     *             2001:db8::/32}; blank for off
     * @throws IllegalArgumentException naming the entry that is not one
     */
    public static ProxyProtocol trusting(String spec) {
        List<Network> networks = new ArrayList<>();
        for (String entry : spec.split(",")) {
            String text = entry.strip();
            if (text.isEmpty()) {
                continue;
            }
            int slash = text.indexOf('/');
            String literal = slash < 0 ? text : text.substring(0, slash);
            if (!LITERAL.matcher(literal).matches()) {
                throw new IllegalArgumentException(text);
            }
            try {
                byte[] address = InetAddress.getByName(literal).getAddress(); // a literal: never a lookup
                int bits = slash < 0 ? address.length * 8 : Integer.parseInt(text.substring(slash + 1));
                if (bits < 0 || bits > address.length * 8) {
                    throw new IllegalArgumentException(text);
                }
                networks.add(new Network(address, bits));
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException(text, e);
            }
        }
        return new ProxyProtocol(List.copyOf(networks));
    }

    public boolean trusts(InetAddress peer) {
        return trusted.stream().anyMatch(network -> network.contains(peer));
    }

    /**
     * The client this connection is for: from the PROXY header when the peer is a trusted
     * balancer (the header is then consumed), else the peer itself.
     *
     * @throws IOException when a trusted peer sends no valid header in time: close the connection
     */
    InetSocketAddress clientOf(Socket socket) throws IOException {
        InetSocketAddress peer = (InetSocketAddress) socket.getRemoteSocketAddress();
        if (!trusts(peer.getAddress())) {
            return peer;
        }
        int timeout = socket.getSoTimeout();
        socket.setSoTimeout((int) HEADER_TIMEOUT.toMillis());
        try {
            return ProxyHeader.read(socket.getInputStream()).orElse(peer);
        } finally {
            socket.setSoTimeout(timeout);
        }
    }
}
