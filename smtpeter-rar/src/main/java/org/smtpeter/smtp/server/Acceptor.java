package org.smtpeter.smtp.server;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.smtpeter.smtp.api.SmtpListener;

/**
 * One listening socket: accepts connections and runs each on the executor (the resource
 * adapter's WorkManager), within the shared connection limit. Clients over the limit get a
 * 421 and are closed at once, without costing a worker thread.
 */
public final class Acceptor implements Runnable {

    private static final Logger LOG = Logger.getLogger(Acceptor.class.getName());
    private static final byte[] TOO_MANY_CONNECTIONS =
            "421 4.3.2 Too many connections; try again later\r\n".getBytes(StandardCharsets.US_ASCII);

    private final ServerSettings settings;
    private final SmtpListener listener;
    private final Executor executor;
    private final ServerSocket serverSocket;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Binds the socket at once, so a port conflict fails the activation rather than later. */
    public Acceptor(ServerSettings settings, SmtpListener listener, Executor executor) throws IOException {
        this.settings = settings;
        this.listener = listener;
        this.executor = executor;
        this.serverSocket = new ServerSocket();
        serverSocket.setReuseAddress(true);
        serverSocket.bind(new java.net.InetSocketAddress(settings.bindAddress(), settings.port()), 100);
    }

    public int localPort() {
        return serverSocket.getLocalPort();
    }

    @Override
    public void run() {
        LOG.info(() -> "SMTP " + settings.session().role().key() + " listener on "
                + serverSocket.getLocalSocketAddress());
        while (!closed) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (SocketException closedSocket) {
                break;
            } catch (IOException e) {
                LOG.log(Level.WARNING, "accept failed on port " + settings.port(), e);
                continue;
            }
            dispatch(socket);
        }
    }

    private void dispatch(Socket socket) {
        if (!settings.maxConnections().tryOpen()) {
            refuse(socket);
            return;
        }
        Connection connection = new Connection(socket, settings, listener, connections::remove);
        connections.add(connection);
        try {
            executor.execute(connection);
        } catch (RejectedExecutionException busy) {
            LOG.log(Level.WARNING, "no worker for a new SMTP connection", busy);
            connections.remove(connection);
            settings.maxConnections().closed();
            refuse(socket);
        }
    }

    private static void refuse(Socket socket) {
        try (socket) {
            socket.setSoTimeout(1000);
            socket.getOutputStream().write(TOO_MANY_CONNECTIONS);
            socket.getOutputStream().flush();
        } catch (IOException ignored) {
            // the client left already
        }
    }

    /** Stops accepting and ends every open connection with 421. */
    public void close() {
        closed = true;
        try {
            serverSocket.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing server socket", e);
        }
        connections.forEach(Connection::shutDown);
    }
}
