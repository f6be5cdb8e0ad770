package org.smtpeter.smtp.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.smtpeter.smtp.protocol.Transport;

/**
 * A client socket, plaintext or TLS, that can be upgraded with STARTTLS. Reads time out every
 * {@link #TICK}, at which the conversation checks its deadlines; a TLS handshake may take the
 * whole handshake timeout. Writes go through the connection's {@link WriteWatch}.
 */
final class SocketTransport implements Transport {

    /** How often a waiting read wakes up to look at the conversation's deadlines. */
    static final Duration TICK = Duration.ofSeconds(1);

    private final SSLContext sslContext;
    private final WriteWatch writes;
    private final Duration handshakeTimeout;
    private Socket socket;
    private TlsFacts tls;

    private SocketTransport(Socket socket, SSLContext sslContext, WriteWatch writes, Duration handshakeTimeout) {
        this.socket = socket;
        this.sslContext = sslContext;
        this.writes = writes;
        this.handshakeTimeout = handshakeTimeout;
    }

    static SocketTransport plain(Socket socket, SSLContext sslContext, WriteWatch writes, Duration handshakeTimeout)
            throws IOException {
        SocketTransport transport = new SocketTransport(socket, sslContext, writes, handshakeTimeout);
        socket.setSoTimeout(tick(handshakeTimeout));
        return transport;
    }

    /** Implicit TLS (port 465): the handshake happens before the greeting. */
    static SocketTransport implicitTls(Socket socket, SSLContext sslContext, WriteWatch writes, Duration handshakeTimeout)
            throws IOException {
        SocketTransport transport = new SocketTransport(socket, sslContext, writes, handshakeTimeout);
        transport.handshake();
        return transport;
    }

    @Override
    public InputStream input() throws IOException {
        return socket.getInputStream();
    }

    @Override
    public OutputStream output() throws IOException {
        return writes.watch(socket.getOutputStream());
    }

    @Override
    public TlsFacts tls() {
        return tls;
    }

    @Override
    public TlsFacts startTls() throws IOException {
        return handshake();
    }

    private TlsFacts handshake() throws IOException {
        socket.setSoTimeout((int) handshakeTimeout.toMillis());
        SSLSocket secured = TlsContexts.serverSocket(sslContext, socket);
        secured.setSoTimeout(tick(handshakeTimeout));
        socket = secured;
        tls = new TlsFacts(secured.getSession().getProtocol(), secured.getSession().getCipherSuite());
        return tls;
    }

    private static int tick(Duration timeout) {
        return (int) Math.max(1, Math.min(TICK.toMillis(), timeout.toMillis()));
    }
}
