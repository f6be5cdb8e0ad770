package org.smtpeter.delivery.control;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;

import javax.net.SocketFactory;

/**
 * Outbound sockets with Nagle's algorithm off. Jakarta Mail writes a message through a buffer,
 * so its end goes out as a short segment after a full one; with Nagle's algorithm on, that segment
 * waits until the next hop acknowledges the first, and a next hop that is still reading delays its
 * acknowledgement by up to 40 ms. Each message waited for it: the delivery workers spent their time
 * waiting for the 250 after the final dot, and one connection delivered about 20 messages a second
 * (BENCHMARKS.md, 2026-12-07 night). TLS is layered over these sockets, so it applies to every hop.
 */
final class NoDelaySockets extends SocketFactory {

    static final NoDelaySockets INSTANCE = new NoDelaySockets();

    private NoDelaySockets() {
    }

    @Override
    public Socket createSocket() throws SocketException {
        return noDelay(new Socket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return createSocket(InetAddress.getByName(host), port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return createSocket(InetAddress.getByName(host), port, localHost, localPort);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return noDelay(new Socket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return noDelay(new Socket(address, port, localAddress, localPort));
    }

    /** Closes a socket that cannot take the option: a connected one would otherwise leak. */
    private static Socket noDelay(Socket socket) throws SocketException {
        try {
            socket.setTcpNoDelay(true);
            return socket;
        } catch (SocketException e) {
            try {
                socket.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }
}
