package org.smtpeter.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;

import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smtpeter.testing.ManualClock;
import org.smtpeter.testing.SmtpSink;

/** The connection cache with real SMTP connections (Angus) to a real server socket. */
class IdleConnectionsTest {

    private final ManualClock clock = new ManualClock();
    private final IdleConnections idle = new IdleConnections();
    private final AtomicInteger released = new AtomicInteger();
    private SmtpSink sink;

    @BeforeEach
    void setUp() throws IOException {
        idle.clock = clock;
        sink = new SmtpSink();
    }

    @AfterEach
    void tearDown() throws IOException {
        idle.stop();
        sink.close();
    }

    @Test
    void theNextShareGetsTheConnectionBackInsteadOfANewOne() throws Exception {
        Hop hop = hop(sink.port());
        HopConnection first = open(hop);
        idle.keep(first);

        assertSame(first, idle.take(hop).orElseThrow());
        assertTrue(idle.take(hop).isEmpty(), "a taken connection is the taker's alone");
        idle.keep(first);
        clock.advance(Duration.ofSeconds(1)); // idle long enough to be checked with a NOOP, which it answers
        assertSame(first, idle.take(hop).orElseThrow());
        assertEquals(1, sink.connections());
        assertEquals(0, released.get(), "the destination slot stays with the connection");
    }

    @Test
    void aConnectionIdleForTwoSecondsIsClosedAndItsSlotReleased() throws Exception {
        Hop hop = hop(sink.port());
        idle.keep(open(hop));

        clock.advance(IdleConnections.IDLE_LIMIT);
        idle.closeExpired();

        assertEquals(0, idle.idleCount(hop));
        assertEquals(1, released.get());
        assertTrue(idle.take(hop).isEmpty());
    }

    @Test
    void aConnectionIsNotReusedAfterFiveMinutes() throws Exception {
        Hop hop = hop(sink.port());
        HopConnection connection = open(hop);
        clock.advance(IdleConnections.REUSE_LIMIT);

        idle.keep(connection);

        assertEquals(0, idle.idleCount(hop));
        assertEquals(1, released.get());
    }

    @Test
    void aConnectionTheServerClosedWhileIdleIsNotHandedOut() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread greeter = new Thread(() -> greetThenHangUp(server));
            greeter.start();
            Hop hop = hop(server.getLocalPort());
            idle.keep(open(hop));
            greeter.join(5_000);

            clock.advance(Duration.ofSeconds(1));

            assertTrue(idle.take(hop).isEmpty());
            assertEquals(1, released.get());
        }
    }

    @Test
    void aFailedConnectionIsNeverKept() {
        Hop hop = hop(sink.port());
        idle.keep(HopConnection.failed(hop, Reply.local("4.4.1", "refused"), false, clock.instant()));
        assertEquals(0, idle.idleCount(hop));
        assertFalse(idle.take(hop).isPresent());
    }

    private HopConnection open(Hop hop) throws MessagingException {
        Properties properties = new Properties();
        properties.put("mail.smtp.quitwait", "false");
        Session session = Session.getInstance(properties);
        SMTPTransport transport = (SMTPTransport) session.getTransport("smtp");
        transport.connect(hop.address().getHostAddress(), hop.port(), null, null);
        return new HopConnection(hop, transport, session, null, false, clock.instant(), released::incrementAndGet);
    }

    private static Hop hop(int port) {
        return new Hop("sink.test", InetAddress.getLoopbackAddress(), port, DeliverySettings.TlsMode.NONE, null, null);
    }

    /** A server that greets, answers EHLO and then closes the connection, as one does after its idle timeout. */
    private static void greetThenHangUp(ServerSocket server) {
        try (Socket socket = server.accept()) {
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            out.write("220 closing.test ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            in.readLine();
            out.write("250 closing.test\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
