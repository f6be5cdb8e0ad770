package org.smtpeter.smtp.server;

import java.io.IOException;
import java.net.Socket;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.smtpeter.smtp.api.SmtpListener;
import org.smtpeter.smtp.protocol.Conversation;
import org.smtpeter.smtp.protocol.ListenerRole;
import org.smtpeter.smtp.protocol.SmtpSession;
import org.smtpeter.smtp.protocol.Transport;

/** One accepted client: sets the timeouts, secures the socket if the role asks, and converses. */
final class Connection implements Runnable {

    private static final Logger LOG = Logger.getLogger(Connection.class.getName());

    private final Socket socket;
    private final ServerSettings settings;
    private final SmtpListener listener;
    private final Consumer<Connection> onClose;
    private volatile Conversation conversation;

    Connection(Socket socket, ServerSettings settings, SmtpListener listener, Consumer<Connection> onClose) {
        this.socket = socket;
        this.settings = settings;
        this.listener = listener;
        this.onClose = onClose;
    }

    @Override
    public void run() {
        try (socket) {
            socket.setSoTimeout((int) settings.session().limits().idleTimeout().toMillis());
            socket.setTcpNoDelay(true);
            Transport transport = settings.session().role().tlsMode() == ListenerRole.TlsMode.IMPLICIT
                    ? SocketTransport.implicitTls(socket, settings.sslContext())
                    : SocketTransport.plain(socket, settings.sslContext());
            SmtpSession session = new SmtpSession(settings.session(), listener, settings.authThrottle(),
                    socket.getInetAddress().getHostAddress(), socket.getPort());
            conversation = new Conversation(session, transport, settings.session().limits(),
                    settings.spoolDirectory());
            conversation.run();
        } catch (IOException e) {
            LOG.log(Level.FINE, "connection from " + socket.getRemoteSocketAddress() + " failed", e);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "unexpected failure in an SMTP connection", e);
        } finally {
            settings.session().statistics().connectionClosed(settings.role());
            settings.maxConnections().closed();
            onClose.accept(this);
        }
    }

    void shutDown() {
        Conversation current = conversation;
        if (current != null) {
            current.shutDown();
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
