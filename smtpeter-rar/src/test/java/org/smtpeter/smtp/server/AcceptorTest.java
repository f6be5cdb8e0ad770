package org.smtpeter.smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.smtpeter.smtp.api.Client;
import org.smtpeter.smtp.api.Envelope;
import org.smtpeter.smtp.api.Login;
import org.smtpeter.smtp.api.ListenerStates;
import org.smtpeter.smtp.api.ListenerStates.State;
import org.smtpeter.smtp.api.ReceivedMessage;
import org.smtpeter.smtp.api.Recipient;
import org.smtpeter.smtp.api.SmtpListener;
import org.smtpeter.smtp.api.SmtpReply;
import org.smtpeter.smtp.api.SmtpStatistics;
import org.smtpeter.smtp.api.SmtpStatistics.Count;
import org.smtpeter.smtp.protocol.AuthThrottle;
import org.smtpeter.smtp.protocol.Limits;
import org.smtpeter.smtp.api.ListenerRole;
import org.smtpeter.smtp.protocol.SessionSettings;

/** A real listening socket on loopback: binding, retrying a taken port, counting connections. */
class AcceptorTest {

    private static final SmtpListener NOBODY = answering(SmtpReply.of(550, "5.7.1", "no"), SmtpReply.of(554, "5.7.1", "no"));
    /** Takes every recipient and every message. */
    private static final SmtpListener EVERYBODY = answering(SmtpReply.of(250, "2.1.5", "ok"),
            SmtpReply.of(250, "2.0.0", "queued"));

    private static SmtpListener answering(SmtpReply toRecipients, SmtpReply toMessages) {
        return new SmtpListener() {
            @Override
            public Optional<Login> authenticate(Client client, String username, char[] password) {
                return Optional.empty();
            }

            @Override
            public boolean loginStillValid(Client client, Login login) {
                return false;
            }

            @Override
            public SmtpReply recipient(Envelope transaction, Recipient candidate) {
                return toRecipients;
            }

            @Override
            public SmtpReply deliver(Envelope envelope, ReceivedMessage message) {
                return toMessages;
            }
        };
    }

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final SmtpStatistics statistics = new SmtpStatistics();
    private final ListenerStates states = new ListenerStates();
    private Acceptor acceptor;
    private ProxyProtocol proxyProtocol = ProxyProtocol.OFF;

    @AfterEach
    void stop() {
        if (acceptor != null) {
            acceptor.close();
        }
        threads.shutdownNow();
    }

    private Acceptor start(int port, int maxConnections) throws IOException {
        return start(port, new ConnectionLimit(maxConnections), Limits.defaults());
    }

    private Acceptor start(int port, ConnectionLimit connectionLimit, Limits limits) throws IOException {
        return start(port, connectionLimit, limits, NOBODY);
    }

    private Acceptor start(int port, ConnectionLimit connectionLimit, Limits limits, SmtpListener listener)
            throws IOException {
        ServerSettings settings = new ServerSettings(InetAddress.getLoopbackAddress(), port,
                new SessionSettings("mx.test", ListenerRole.MTA, false, limits, statistics), null,
                connectionLimit, AuthThrottle.NONE, null, states, Duration.ofMillis(100), proxyProtocol);
        acceptor = new Acceptor(settings, listener, threads);
        threads.execute(acceptor);
        return acceptor;
    }

    @Test
    void aTakenPortIsReportedAndBoundOnceItIsFree() throws Exception {
        ServerSocket squatter = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        int port = squatter.getLocalPort();
        start(port, 10);

        ListenerStates.Entry failed = states.get("mta", port).orElseThrow();
        assertEquals(State.FAILED, failed.state());
        assertTrue(failed.problem().contains(String.valueOf(port)), failed.problem());
        assertFalse(acceptor.isListening());

        squatter.close();
        await(() -> acceptor.isListening());
        assertEquals(State.LISTENING, states.get("mta", port).orElseThrow().state());
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
            assertTrue(readLine(client).startsWith("220 "));
        }
    }

    @Test
    void closingForgetsTheListener() throws Exception {
        int port = freePort();
        start(port, 10);
        assertEquals(State.LISTENING, states.get("mta", port).orElseThrow().state());
        acceptor.close();
        assertTrue(states.get("mta", port).isEmpty());
    }

    @Test
    void connectionsAndSessionsAreCountedAndOpenOnesGoBackToZero() throws Exception {
        int port = freePort();
        start(port, 10);
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
            assertTrue(readLine(client).startsWith("220 "));
            assertEquals(1, statistics.openConnections("mta"));
        }
        await(() -> statistics.openConnections("mta") == 0);
        assertEquals(1, statistics.count("mta", Count.CONNECTIONS));
        assertEquals(1, statistics.count("mta", Count.SESSIONS));
        assertEquals(0, statistics.count("mta", Count.CONNECTIONS_REFUSED));
    }

    @Test
    void aConnectionOverTheLimitIsCountedAsRefused() throws Exception {
        int port = freePort();
        start(port, 1);
        try (Socket first = new Socket(InetAddress.getLoopbackAddress(), port)) {
            assertTrue(readLine(first).startsWith("220 "));
            try (Socket second = new Socket(InetAddress.getLoopbackAddress(), port)) {
                assertTrue(readLine(second).startsWith("421 4.3.2"));
            }
        }
        assertEquals(2, statistics.count("mta", Count.CONNECTIONS));
        assertEquals(1, statistics.count("mta", Count.CONNECTIONS_REFUSED));
        assertEquals(1, statistics.count("mta", Count.SESSIONS));
    }

    @Test
    void aClientOverItsOwnLimitIsToldSoWhileOthersGetIn() throws Exception {
        int port = freePort();
        start(port, new ConnectionLimit(10, 2, Map.of("mta", 10), 80), Limits.defaults());
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (Socket first = new Socket(loopback, port); Socket second = new Socket(loopback, port)) {
            assertTrue(readLine(first).startsWith("220 "));
            assertTrue(readLine(second).startsWith("220 "));
            try (Socket third = new Socket(loopback, port)) {
                assertTrue(readLine(third).startsWith("421 4.7.0 "));
            }
        }
        assertEquals(1, statistics.count("mta", Count.CONNECTIONS_REFUSED));
    }

    @Test
    void aClientThatNeverReadsItsRepliesIsCutOffAndFreesItsWorker() throws Exception {
        int port = freePort();
        Limits oneSecond = Limits.defaults().withTimeLimits(Duration.ofSeconds(1), Duration.ofMinutes(30), 500,
                Duration.ofHours(1), Duration.ofSeconds(1));
        start(port, new ConnectionLimit(10), oneSecond);
        try (Socket client = new Socket()) {
            client.setReceiveBufferSize(1024); // the replies pile up in the server's send buffer
            client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            OutputStream out = client.getOutputStream();
            byte[] help = "HELP\r\n".repeat(1000).getBytes(StandardCharsets.US_ASCII);
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThrows(IOException.class, () -> {
                while (true) {
                    out.write(help); // blocks once the server stops reading, fails once it closes
                }
            }));
        }
        await(() -> statistics.openConnections("mta") == 0);
    }

    @Test
    void aStoppingListenerTellsNewClientsAndEndsIdleSessionsAtTheirNextCommand() throws Exception {
        int port = freePort();
        start(port, 10);
        try (Socket idle = new Socket(InetAddress.getLoopbackAddress(), port)) {
            BufferedReader idleReplies = replies(idle);
            assertTrue(idleReplies.readLine().startsWith("220 "));

            acceptor.drain();
            try (Socket late = new Socket(InetAddress.getLoopbackAddress(), port)) {
                assertEquals("421 4.3.2 Service shutting down; try again later", readLine(late));
            }
            idle.getOutputStream().write("EHLO client.test\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("421 4.3.2 Service shutting down; closing connection", idleReplies.readLine());
            assertEquals(null, idleReplies.readLine());
        }
        assertTrue(acceptor.awaitSessionsEnded(System.nanoTime() + Duration.ofSeconds(10).toNanos()));
    }

    /** A client in the middle of DATA when the stop begins gets its message's reply, then the 421. */
    @Test
    void aTransactionUnderWayIsFinishedBeforeTheSessionEnds() throws Exception {
        int port = freePort();
        start(port, new ConnectionLimit(10), Limits.defaults(), EVERYBODY);
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
            BufferedReader replies = replies(client);
            OutputStream out = client.getOutputStream();
            assertTrue(replies.readLine().startsWith("220 "));
            out.write("HELO client.test\r\nMAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.net>\r\nDATA\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            for (String expected : new String[] {"250 ", "250 ", "250 ", "354 "}) {
                String reply = replies.readLine();
                assertTrue(reply.startsWith(expected), reply);
            }

            acceptor.drain();
            assertFalse(acceptor.awaitSessionsEnded(System.nanoTime() + Duration.ofMillis(300).toNanos()));
            out.write("Subject: in flight\r\n\r\nhello\r\n.\r\nMAIL FROM:<a@example.org>\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            assertTrue(replies.readLine().startsWith("250 2.0.0"));
            assertEquals("421 4.3.2 Service shutting down; closing connection", replies.readLine());
        }
        assertTrue(acceptor.awaitSessionsEnded(System.nanoTime() + Duration.ofSeconds(10).toNanos()));
    }

    /** The session sees the client that the balancer names; a peer that is not trusted is not believed. */
    @Test
    void aTrustedBalancerNamesTheClient() throws Exception {
        proxyProtocol = ProxyProtocol.trusting("192.0.2.1, 127.0.0.0/8");
        int port = freePort();
        start(port, 10);
        try (Socket balancer = new Socket(InetAddress.getLoopbackAddress(), port)) {
            BufferedReader replies = replies(balancer);
            balancer.getOutputStream().write("PROXY TCP4 203.0.113.7 192.0.2.25 51234 587\r\nEHLO client.test\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            assertTrue(replies.readLine().startsWith("220 "));
            assertEquals("250-mx.test Hello client.test [203.0.113.7]", replies.readLine());
        }
        assertFalse(ProxyProtocol.trusting("192.0.2.0/24, ::1").trusts(InetAddress.getByName("127.0.0.1")));
        assertTrue(ProxyProtocol.trusting("192.0.2.0/24").trusts(InetAddress.getByName("192.0.2.200")));
    }

    @Test
    void aTrustedPeerWithoutAHeaderIsClosedWithoutAWord() throws Exception {
        proxyProtocol = ProxyProtocol.trusting("127.0.0.1");
        int port = freePort();
        start(port, 10);
        try (Socket peer = new Socket(InetAddress.getLoopbackAddress(), port)) {
            peer.getOutputStream().write("EHLO client.test\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals(null, readLine(peer));
        }
    }

    private static BufferedReader replies(Socket socket) throws IOException {
        socket.setSoTimeout(10_000);
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
    }

    private static String readLine(Socket socket) throws IOException {
        socket.setSoTimeout(10_000);
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(20);
        }
    }
}
