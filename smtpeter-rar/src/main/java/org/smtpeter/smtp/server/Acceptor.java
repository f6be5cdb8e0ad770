package org.smtpeter.smtp.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.smtpeter.smtp.api.SmtpListener;
import org.smtpeter.smtp.api.SmtpStatistics;
import org.smtpeter.smtp.api.SmtpStatistics.Count;

/**
 * One listening socket: accepts connections and runs each on the executor (the resource
 * adapter's WorkManager), within the shared {@link ConnectionLimit}. Clients over a limit get a
 * 421 and are closed at once by this thread, without costing a worker thread. Once a second
 * (the accept timeout) it closes connections whose client has stopped reading its replies.
 *
 * <p>A port that another process holds does not fail the activation: Payara would then leave
 * the whole application undeployed and still report itself healthy. The listener reports the
 * problem to {@link org.smtpeter.smtp.api.ListenerStates} instead (the health checks turn DOWN)
 * and tries to bind again every {@link ServerSettings#bindRetry()} until it can or is closed.
 */
public final class Acceptor implements Runnable {

    private static final Logger LOG = Logger.getLogger(Acceptor.class.getName());
    private static final int SWEEP_MILLIS = 1000;
    private static final ConnectionLimit.Refused STOPPING =
            new ConnectionLimit.Refused("421 4.3.2 Service shutting down; try again later");

    private final ServerSettings settings;
    private final SmtpListener listener;
    private final Executor executor;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile ServerSocket serverSocket;
    private volatile boolean closed;
    private volatile boolean draining;
    private boolean bindFailedBefore;
    private long lastSweep = System.nanoTime();

    /** Tries to bind at once, so that the listener is there when the activation returns. */
    public Acceptor(ServerSettings settings, SmtpListener listener, Executor executor) {
        this.settings = settings;
        this.listener = listener;
        this.executor = executor;
        tryBind();
    }

    /** Whether the port is bound now. */
    public boolean isListening() {
        return serverSocket != null && !closed;
    }

    @Override
    public void run() {
        try {
            while (serverSocket == null) {
                if (closing.await(settings.bindRetry().toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
                tryBind();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        ServerSocket socket = serverSocket;
        LOG.info(() -> "SMTP " + settings.role() + " listener on " + socket.getLocalSocketAddress());
        while (!closed) {
            Socket accepted = null;
            try {
                accepted = socket.accept();
            } catch (SocketTimeoutException quiet) {
                // nobody connected within a second: time to look after the open connections
            } catch (SocketException closedSocket) {
                break;
            } catch (IOException e) {
                LOG.log(Level.WARNING, "accept failed on port " + settings.port(), e);
                continue;
            }
            if (accepted != null) {
                dispatch(accepted);
            }
            sweepEverySecond();
        }
        report(() -> {
            LOG.severe(() -> "SMTP " + settings.role() + " listener on port " + settings.port() + " stopped");
            settings.states().failed(settings.role(), settings.port(), "the listener stopped");
        });
    }

    private void tryBind() {
        ServerSocket socket = null;
        try {
            socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(settings.bindAddress(), settings.port()), 100);
            socket.setSoTimeout(SWEEP_MILLIS);
        } catch (IOException | RuntimeException e) {
            closeQuietly(socket);
            String problem = "cannot bind " + settings.bindAddress().getHostAddress() + ":" + settings.port() + ": "
                    + e.getMessage();
            report(() -> {
                if (!bindFailedBefore) {
                    LOG.severe(() -> "SMTP " + settings.role() + " listener: " + problem + "; trying again every "
                            + settings.bindRetry().toSeconds() + " s");
                }
                bindFailedBefore = true;
                settings.states().failed(settings.role(), settings.port(), problem);
            });
            return;
        }
        synchronized (this) {
            if (closed) {
                closeQuietly(socket);
                return;
            }
            // the state first: whoever sees isListening() must also see LISTENING
            settings.states().listening(settings.role(), settings.port());
            serverSocket = socket;
            if (bindFailedBefore) {
                LOG.info(() -> "SMTP " + settings.role() + " listener: port " + settings.port() + " is bound now");
            }
        }
    }

    /** State changes happen only while the listener is open, so a late failure cannot outlive close(). */
    private synchronized void report(Runnable change) {
        if (!closed) {
            change.run();
        }
    }

    private void dispatch(Socket socket) {
        SmtpStatistics statistics = settings.session().statistics();
        String role = settings.role();
        statistics.increment(role, Count.CONNECTIONS);
        if (draining) {
            statistics.increment(role, Count.CONNECTIONS_REFUSED);
            refuse(socket, STOPPING);
            return;
        }
        // A balancer's connections count for the client its PROXY header names, once it is read.
        ConnectionLimit.Admission admission = settings.maxConnections().admit(role, socket.getInetAddress(),
                !settings.proxyProtocol().trusts(socket.getInetAddress()));
        if (admission instanceof ConnectionLimit.Refused refused) {
            statistics.increment(role, Count.CONNECTIONS_REFUSED);
            refuse(socket, refused);
            return;
        }
        ConnectionLimit.Slot slot = (ConnectionLimit.Slot) admission;
        Connection connection = new Connection(socket, slot, settings, listener, connections::remove);
        connections.add(connection);
        if (draining) {
            connection.stopAfterTransaction(); // drain() began after the check above
        }
        statistics.connectionOpened(role);
        try {
            executor.execute(connection);
        } catch (RejectedExecutionException busy) {
            LOG.log(Level.WARNING, "no worker for a new SMTP connection", busy);
            connections.remove(connection);
            statistics.connectionClosed(role);
            statistics.increment(role, Count.CONNECTIONS_REFUSED);
            slot.close();
            refuse(socket, ConnectionLimit.TOO_MANY);
        }
    }

    /**
     * Writes the 421 and closes. The reply is a few octets into an empty socket buffer, so the
     * write cannot block; the client is not waited for.
     */
    private static void refuse(Socket socket, ConnectionLimit.Refused refused) {
        try (socket) {
            socket.getOutputStream().write((refused.reply() + "\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
        } catch (IOException ignored) {
            // the client left already
        }
    }

    /** Ends writes that have been stuck for longer than the idle timeout in effect. */
    private void sweepEverySecond() {
        long now = System.nanoTime();
        if (now - lastSweep < TimeUnit.MILLISECONDS.toNanos(SWEEP_MILLIS)) {
            return;
        }
        lastSweep = now;
        Duration limit = settings.session().limits().idleTimeout(settings.maxConnections().isStressed());
        connections.forEach(connection -> connection.abortIfWriteStuck(now, limit));
    }

    /**
     * The first step of a graceful stop: new clients hear 421 4.3.2 while the port stays bound (a
     * load balancer then retries elsewhere rather than seeing a refused connection), and open
     * sessions end with 421 4.3.2 at their next command outside a transaction.
     */
    public void drain() {
        draining = true;
        connections.forEach(Connection::stopAfterTransaction);
    }

    /** Waits until every session has ended or the deadline ({@link System#nanoTime()}) has passed. */
    public boolean awaitSessionsEnded(long deadlineNanos) throws InterruptedException {
        while (!connections.isEmpty()) {
            if (System.nanoTime() - deadlineNanos >= 0) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    /** Stops accepting (or trying to bind) and ends every open connection with 421. */
    public void close() {
        synchronized (this) {
            closed = true;
            settings.states().closed(settings.role(), settings.port());
        }
        closing.countDown();
        closeQuietly(serverSocket);
        connections.forEach(Connection::shutDown);
    }

    private static void closeQuietly(ServerSocket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                LOG.log(Level.FINE, "closing server socket", e);
            }
        }
    }
}
