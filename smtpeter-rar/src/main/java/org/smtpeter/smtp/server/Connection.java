package org.smtpeter.smtp.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.smtpeter.smtp.api.SmtpListener;
import org.smtpeter.smtp.protocol.Conversation;
import org.smtpeter.smtp.api.ListenerRole;
import org.smtpeter.smtp.protocol.SmtpSession;
import org.smtpeter.smtp.protocol.Transport;

/**
 * One accepted client: secures the socket if the role asks, converses, and gives its
 * {@link ConnectionLimit.Slot} back at the end.
 */
final class Connection implements Runnable {

    private static final Logger LOG = Logger.getLogger(Connection.class.getName());

    private final Socket socket;
    private final ConnectionLimit.Slot slot;
    private final ServerSettings settings;
    private final SmtpListener listener;
    private final Consumer<Connection> onClose;
    private final WriteWatch writes = new WriteWatch();
    private volatile Conversation conversation;
    private volatile boolean stopAfterTransaction;

    Connection(Socket socket, ConnectionLimit.Slot slot, ServerSettings settings, SmtpListener listener,
               Consumer<Connection> onClose) {
        this.socket = socket;
        this.slot = slot;
        this.settings = settings;
        this.listener = listener;
        this.onClose = onClose;
    }

    @Override
    public void run() {
        try (socket; slot) {
            socket.setTcpNoDelay(true);
            InetSocketAddress client = settings.proxyProtocol().clientOf(socket);
            if (settings.proxyProtocol().trusts(socket.getInetAddress())) {
                Optional<ConnectionLimit.Refused> tooMany = slot.countFor(client.getAddress());
                if (tooMany.isPresent()) {
                    socket.getOutputStream().write((tooMany.get().reply() + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    return;
                }
            }
            Duration handshakeTimeout = settings.session().limits().idleTimeout();
            Transport transport = settings.session().role().tlsMode() == ListenerRole.TlsMode.IMPLICIT
                    ? SocketTransport.implicitTls(socket, settings.sslContext(), writes, handshakeTimeout)
                    : SocketTransport.plain(socket, settings.sslContext(), writes, handshakeTimeout);
            SmtpSession session = new SmtpSession(settings.session(), listener, settings.authThrottle(),
                    client.getAddress().getHostAddress(), client.getPort());
            Conversation started = new Conversation(session, transport, settings.session().limits(),
                    settings.spoolDirectory(), settings.maxConnections()::isStressed);
            conversation = started;
            if (stopAfterTransaction) {
                started.stopAfterTransaction(); // the stop began while this connection was being set up
            }
            started.run();
        } catch (IOException e) {
            LOG.log(Level.FINE, "connection from " + socket.getRemoteSocketAddress() + " failed", e);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "unexpected failure in an SMTP connection", e);
        } finally {
            settings.session().statistics().connectionClosed(settings.role());
            onClose.accept(this);
        }
    }

    /**
     * Closes the socket under a write that has been blocked for longer than {@code limit}; the
     * blocked write then fails and the worker is free. Nothing can be said to such a client.
     */
    void abortIfWriteStuck(long now, Duration limit) {
        if (writes.stuck(now, limit)) {
            LOG.info(() -> "closing the connection from " + socket.getRemoteSocketAddress()
                    + ": it has not read its replies for " + limit.toSeconds() + " s");
            closeSocket();
        }
    }

    /** A graceful stop: see {@link Conversation#stopAfterTransaction()}. */
    void stopAfterTransaction() {
        stopAfterTransaction = true;
        Conversation current = conversation;
        if (current != null) {
            current.stopAfterTransaction();
        }
    }

    void shutDown() {
        Conversation current = conversation;
        if (current != null) {
            current.shutDown();
        }
        closeSocket();
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
