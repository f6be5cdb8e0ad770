package org.smtpeter.smtp.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.smtpeter.smtp.protocol.Transport;

/** A client socket, plaintext or TLS, that can be upgraded with STARTTLS. */
final class SocketTransport implements Transport {

    private final SSLContext sslContext;
    private Socket socket;
    private TlsFacts tls;

    private SocketTransport(Socket socket, SSLContext sslContext, TlsFacts tls) {
        this.socket = socket;
        this.sslContext = sslContext;
        this.tls = tls;
    }

    static SocketTransport plain(Socket socket, SSLContext sslContext) {
        return new SocketTransport(socket, sslContext, null);
    }

    /** Implicit TLS (port 465): the handshake happens before the greeting. */
    static SocketTransport implicitTls(Socket socket, SSLContext sslContext) throws IOException {
        SSLSocket secured = TlsContexts.serverSocket(sslContext, socket);
        return new SocketTransport(secured, sslContext, facts(secured));
    }

    @Override
    public InputStream input() throws IOException {
        return socket.getInputStream();
    }

    @Override
    public OutputStream output() throws IOException {
        return socket.getOutputStream();
    }

    @Override
    public TlsFacts tls() {
        return tls;
    }

    @Override
    public TlsFacts startTls() throws IOException {
        SSLSocket secured = TlsContexts.serverSocket(sslContext, socket);
        socket = secured;
        tls = facts(secured);
        return tls;
    }

    private static TlsFacts facts(SSLSocket socket) {
        return new TlsFacts(socket.getSession().getProtocol(), socket.getSession().getCipherSuite());
    }
}
