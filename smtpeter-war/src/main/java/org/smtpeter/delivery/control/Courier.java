package org.smtpeter.delivery.control;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.smtpeter.features.control.Content;

/**
 * Hands parcels for one domain to the next hop with Jakarta Mail (Angus SMTP): tries the hops in
 * order until one takes a connection (or one kept open from an earlier share, {@link IdleConnections}),
 * sends every parcel over that one connection, and reports a reply per recipient. It never
 * touches the database; the queue records what it reports.
 */
@ApplicationScoped
public class Courier {

    private static final Logger LOG = Logger.getLogger(Courier.class.getName());
    /**
     * How long a share waits for a connection when every one to its destination is busy. Put back
     * instead, it was due again after a second and prepared a second time: 4-5 % of the
     * benchmark's deliveries were (BENCHMARKS.md, 2026-12-07). Short, since a waiting share holds a
     * worker that another destination could use.
     */
    static final Duration BUSY_WAIT = Duration.ofSeconds(1);

    @Inject
    DeliverySettings settings;

    @Inject
    Routes routes;

    @Inject
    DestinationLimits limits;

    @Inject
    Clock clock;

    @Inject
    IdleConnections idleConnections;

    @Resource
    ManagedThreadFactory threads;

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    /**
     * Runs Angus's write timeouts for every connection. Without it Angus starts a thread of its own
     * per connection (a profile counted 1,639 thread starts in 6,000 messages).
     */
    private ScheduledThreadPoolExecutor writeTimeouts;

    @PostConstruct
    void start() {
        writeTimeouts = new ScheduledThreadPoolExecutor(1, threads);
        // Every write schedules a timeout and cancels it when done: cancelled ones must not pile up.
        writeTimeouts.setRemoveOnCancelPolicy(true);
    }

    @PreDestroy
    void stop() {
        writeTimeouts.shutdownNow();
    }

    public List<AttemptResult> send(String domain, List<Parcel> parcels) {
        Instant started = Instant.now(clock);
        List<Hop> hops;
        try {
            hops = routes.route(domain);
        } catch (RouteFailure failure) {
            Reply reply = Reply.local(failure.enhancedCode(), failure.getMessage());
            return everyone(parcels, reply, null, null, started, false);
        } catch (RuntimeException unexpected) {
            LOG.log(Level.SEVERE, "routing " + domain + " failed unexpectedly; counted as an attempt", unexpected);
            return everyone(parcels, Reply.unexpected(unexpected), null, null, started, false);
        }
        HopConnection connection = null;
        List<AttemptResult> results = new ArrayList<>();
        try {
            for (Parcel parcel : parcels) {
                Instant parcelStarted = Instant.now(clock);
                if (connection == null || !connection.isOpen()) {
                    closeQuietly(connection);
                    connection = connect(hops, parcelStarted);
                    if (connection.failure != null) {
                        results.addAll(everyone(List.of(parcel), connection.failure, connection.hop, null, parcelStarted,
                                connection.busy));
                        connection = null;
                        continue;
                    }
                }
                try {
                    results.addAll(deliver(connection, parcel, parcelStarted));
                } catch (RuntimeException unexpected) {
                    // Whatever it was, the next parcel starts on a fresh connection, and this one's
                    // recipients get an attempt like any other failure: retried, expiring, reported.
                    LOG.log(Level.SEVERE, "sending a message to " + domain + " failed unexpectedly; counted as an attempt",
                            unexpected);
                    results.addAll(everyone(List.of(parcel), Reply.unexpected(unexpected), connection.hop, null, parcelStarted,
                            false));
                    closeQuietly(connection);
                    connection = null;
                }
            }
        } finally {
            if (connection != null) {
                idleConnections.keep(connection);
                limits.freed();
            }
        }
        return results;
    }

    /** A connection to the first hop that takes one; when every hop is busy, waits a moment for one to be free. */
    private HopConnection connect(List<Hop> hops, Instant started) {
        long deadline = System.nanoTime() + BUSY_WAIT.toNanos();
        while (true) {
            long seen = limits.freedSoFar();
            HopConnection connection = connectOnce(hops, started);
            long left = deadline - System.nanoTime();
            if (!connection.busy || left <= 0 || !limits.awaitFreedSince(seen, left)) {
                return connection;
            }
        }
    }

    private HopConnection connectOnce(List<Hop> hops, Instant started) {
        Reply lastFailure = Reply.local("4.4.1", "no hop reachable");
        Hop lastHop = null;
        boolean allBusy = true;
        for (Hop hop : hops) {
            lastHop = hop;
            Optional<HopConnection> kept = idleConnections.take(hop);
            if (kept.isPresent()) {
                return kept.get();
            }
            if (!limits.tryAcquire(hop)) {
                continue;
            }
            allBusy = false;
            Session session = session(hop);
            try {
                SMTPTransport transport = (SMTPTransport) session.getTransport(hop.tls() == DeliverySettings.TlsMode.TLS ? "smtps" : "smtp");
                transport.connect(hop.address().getHostAddress(), hop.port(), hop.username(), hop.password());
                if (settings.requireTls() && !transport.isSSL()) {
                    transport.close();
                    limits.release(hop);
                    lastFailure = Reply.local("4.7.4", "TLS required but not offered by " + hop);
                    continue;
                }
                return new HopConnection(hop, transport, session, null, false, started, () -> limits.release(hop));
            } catch (MessagingException e) {
                limits.release(hop);
                lastFailure = connectFailure(hop, e);
                LOG.log(Level.FINE, "cannot connect to " + hop, e);
            }
        }
        if (allBusy && !hops.isEmpty()) {
            return HopConnection.failed(lastHop, Reply.local("4.4.5", "destination busy"), true, started);
        }
        return HopConnection.failed(lastHop, lastFailure, false, started);
    }

    private List<AttemptResult> deliver(HopConnection connection, Parcel parcel, Instant started) {
        Map<String, Long> deliveryIds = new LinkedHashMap<>();
        List<Address> addresses = new ArrayList<>();
        List<AttemptResult> results = new ArrayList<>();
        for (Parcel.Addressee addressee : parcel.recipients()) {
            try {
                InternetAddress address = new InternetAddress(addressee.address(), false);
                addresses.add(address);
                deliveryIds.put(address.getAddress(), addressee.deliveryId());
            } catch (AddressException e) {
                results.add(result(addressee.deliveryId(), Reply.local("5.1.3", "bad recipient address syntax"),
                        connection, started));
            }
        }
        if (addresses.isEmpty()) {
            return results;
        }
        RawMessage message = new RawMessage(connection.session, parcel.content());
        message.setEnvelopeFrom(parcel.sender().isEmpty() ? "<>" : parcel.sender());
        Map<String, Reply> replies = new HashMap<>();
        try {
            connection.transport.sendMessage(message, addresses.toArray(Address[]::new));
            Reply accepted = Reply.parse(connection.transport.getLastReturnCode(), connection.transport.getLastServerResponse());
            deliveryIds.keySet().forEach(address -> replies.put(address, accepted));
        } catch (SMTPSendFailedException dataRefused) {
            collectRecipientReplies(dataRefused, replies);
            Reply refused = Reply.parse(dataRefused.getReturnCode(), dataRefused.getMessage());
            deliveryIds.keySet().forEach(address -> replies.putIfAbsent(address, refused));
            if (refused.code() == 0) {
                closeQuietly(connection); // no reply at all: the connection is gone, the next parcel reconnects
            }
        } catch (SendFailedException partial) {
            collectRecipientReplies(partial, replies);
            Reply accepted = Reply.parse(connection.transport.getLastReturnCode(), connection.transport.getLastServerResponse());
            for (Address sent : nullToEmpty(partial.getValidSentAddresses())) {
                replies.putIfAbsent(((InternetAddress) sent).getAddress(), accepted);
            }
            Reply unknown = Reply.local("4.3.0", "not sent: " + partial.getMessage());
            deliveryIds.keySet().forEach(address -> replies.putIfAbsent(address, unknown));
        } catch (MessagingException broken) {
            // The connection died mid-transaction: nothing can be assumed delivered.
            Reply lost = Reply.local("4.4.2", "connection to " + connection.hop + " lost: " + Reply.describe(broken));
            deliveryIds.keySet().forEach(address -> replies.put(address, lost));
            closeQuietly(connection);
        }
        deliveryIds.forEach((address, id) -> results.add(result(id, replies.get(address), connection, started)));
        return results;
    }

    private static void collectRecipientReplies(MessagingException failure, Map<String, Reply> replies) {
        for (Exception next = failure; next != null;
             next = next instanceof MessagingException m ? m.getNextException() : null) {
            if (next instanceof SMTPAddressFailedException refused) {
                replies.put(refused.getAddress().getAddress(), Reply.parse(refused.getReturnCode(), refused.getMessage()));
            }
        }
    }

    private AttemptResult result(long deliveryId, Reply reply, HopConnection connection, Instant started) {
        String tls = connection.transport != null && connection.transport.isSSL() ? "TLS" : null;
        return new AttemptResult(deliveryId, reply, connection.hop, tls, started,
                Duration.between(started, Instant.now(clock)).toMillis(), false);
    }

    private List<AttemptResult> everyone(List<Parcel> parcels, Reply reply, Hop hop, String tls, Instant started,
                                         boolean busy) {
        long millis = Duration.between(started, Instant.now(clock)).toMillis();
        List<AttemptResult> results = new ArrayList<>();
        for (Parcel parcel : parcels) {
            for (Parcel.Addressee addressee : parcel.recipients()) {
                results.add(new AttemptResult(addressee.deliveryId(), reply, hop, tls, started, millis, busy));
            }
        }
        return results;
    }

    /**
     * One session per kind of hop, kept: a new one reads Jakarta Mail's provider files from every
     * jar the application sees, and its settings never change while the relay runs.
     */
    private Session session(Hop hop) {
        String kind = hop.tls() + (hop.username() == null ? "" : "+auth");
        return sessions.computeIfAbsent(kind, k -> Session.getInstance(properties(hop)));
    }

    private Properties properties(Hop hop) {
        String protocol = hop.tls() == DeliverySettings.TlsMode.TLS ? "smtps" : "smtp";
        String prefix = "mail." + protocol + ".";
        Properties props = new Properties();
        props.put(prefix + "localhost", settings.hostName());
        props.put(prefix + "connectiontimeout", String.valueOf(settings.connectTimeout().toMillis()));
        props.put(prefix + "timeout", String.valueOf(settings.readTimeout().toMillis()));
        props.put(prefix + "writetimeout", String.valueOf(settings.readTimeout().toMillis()));
        props.put(prefix + "executor.writetimeout", writeTimeouts);
        props.put(prefix + "socketFactory", NoDelaySockets.INSTANCE);
        props.put(prefix + "starttls.enable", String.valueOf(hop.tls() == DeliverySettings.TlsMode.STARTTLS));
        props.put(prefix + "starttls.required", String.valueOf(settings.requireTls()));
        // Opportunistic TLS between MTAs, as RFC 7435 describes: encrypt whenever possible, and do
        // not refuse delivery over a certificate that MTAs commonly present without validation.
        props.put(prefix + "ssl.trust", "*");
        props.put(prefix + "ssl.checkserveridentity", "false");
        props.put(prefix + "auth", String.valueOf(hop.username() != null));
        props.put(prefix + "sendpartial", "true");
        props.put(prefix + "quitwait", "false");
        props.put("mail.mime.allowutf8", "true");
        return props;
    }

    private static Reply connectFailure(Hop hop, MessagingException e) {
        String text = Reply.describe(e);
        if (e instanceof jakarta.mail.AuthenticationFailedException) {
            return Reply.local("4.7.8", "smart host " + hop + " refused our credentials: " + text);
        }
        return Reply.local("4.4.1", "connect to " + hop + " failed: " + text);
    }

    private static Address[] nullToEmpty(Address[] addresses) {
        return addresses == null ? new Address[0] : addresses;
    }

    private static void closeQuietly(HopConnection connection) {
        if (connection != null) {
            connection.close();
        }
    }

    /** A message whose bytes are exactly the prepared content; Angus only adds the SMTP framing. */
    static final class RawMessage extends SMTPMessage {
        private final Content content;

        RawMessage(Session session, Content content) {
            super(session);
            this.content = content;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            content.writeTo(out);
        }

        @Override
        public void writeTo(OutputStream out, String[] ignoreList) throws IOException {
            content.writeTo(out);
        }

        @Override
        public int getSize() {
            return (int) Math.min(Integer.MAX_VALUE, content.size());
        }
    }
}
