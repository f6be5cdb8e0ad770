package org.smtpeter.smtp.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smtpeter.smtp.protocol.Transcript.plain;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.smtpeter.smtp.api.ListenerRole;

/** A whole SMTP conversation over an in-memory transport: pipelining, STARTTLS, data. */
class ConversationTest {

    private static final String EHLO = "EHLO client.test\r\n";
    private static final String AUTH = "AUTH PLAIN " + plain("", "alice", "secret") + "\r\n";
    private static final List<String> TO_TLS = List.of(EHLO, "STARTTLS\r\n");

    @TempDir
    Path spoolDirectory;

    private final RecordingListener listener = RecordingListener.strict();

    private MemoryTransport run(MemoryTransport transport) {
        return run(transport, Limits.defaults());
    }

    private MemoryTransport run(MemoryTransport transport, Limits limits) {
        SmtpSession session = new SmtpSession(new SessionSettings("mx.test", ListenerRole.SUBMISSION, true, limits),
                listener, AuthThrottle.NONE, "192.0.2.7", 40123);
        assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> new Conversation(session, transport, limits, spoolDirectory).run());
        return transport;
    }

    /** Reply lines reduced to code and enhanced code ("250 2.1.0"); EHLO's lines become "250 EHLO". */
    private static List<String> codes(List<String> lines) {
        List<String> codes = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("250-")) {
                continue;
            }
            if (line.startsWith("250 AUTH") || line.startsWith("250 STARTTLS")) {
                codes.add("250 EHLO");
                continue;
            }
            String[] parts = line.split(" ");
            codes.add(parts.length > 1 && parts[1].matches("[245]\\.\\d+\\.\\d+") ? parts[0] + " " + parts[1] : parts[0]);
        }
        return codes;
    }

    @Test
    void pipelinedTransactionAfterAuthIsAnsweredInOrderAndFlushedOnce() {
        MemoryTransport transport = run(MemoryTransport.of(TO_TLS, List.of(EHLO, AUTH,
                "MAIL FROM:<alice@example.com>\r\nRCPT TO:<bob@example.net>\r\nRCPT TO:<carol@example.org>\r\nDATA\r\n",
                "Subject: pipelined\r\n\r\nhello\r\n.\r\n",
                "QUIT\r\n")));
        assertEquals(List.of("220", "250 EHLO", "220 2.0.0"), codes(transport.plainOutput.lines()));
        assertEquals(List.of("250 EHLO", "235 2.7.0", "250 2.1.0", "250 2.1.5", "250 2.1.5", "354", "250 2.0.0", "221 2.0.0"),
                codes(transport.tlsOutput.lines()));
        List<String> flushes = transport.tlsOutput.flushes();
        assertEquals(5, flushes.size(), flushes::toString);
        assertEquals(List.of("250 2.1.0", "250 2.1.5", "250 2.1.5", "354"),
                codes(List.of(flushes.get(2).split("\r\n"))), "the pipelined group is answered in one flush");
        assertEquals(1, listener.deliveries.size());
        assertEquals(2, listener.onlyDelivery().envelope().recipients().size());
    }

    @Test
    void wholeSessionInOneWriteAfterTheHandshake() {
        MemoryTransport transport = run(MemoryTransport.of(TO_TLS, List.of(EHLO + AUTH
                + "MAIL FROM:<alice@example.com>\r\nRCPT TO:<bob@example.net>\r\nDATA\r\n"
                + "first\r\n.\r\n"
                + "MAIL FROM:<alice@example.com>\r\nRCPT TO:<bob@example.net>\r\nDATA\r\n"
                + "second\r\n.\r\nQUIT\r\n")));
        assertEquals(List.of("250 EHLO", "235 2.7.0", "250 2.1.0", "250 2.1.5", "354", "250 2.0.0",
                "250 2.1.0", "250 2.1.5", "354", "250 2.0.0", "221 2.0.0"), codes(transport.tlsOutput.lines()));
        assertEquals(2, listener.deliveries.size());
        assertEquals("second\r\n", new String(listener.deliveries.get(1).data(), StandardCharsets.US_ASCII));
    }

    @Test
    void plaintextPipelinedBehindStarttlsIsDiscarded() {
        MemoryTransport transport = run(MemoryTransport.of(
                List.of(EHLO + "STARTTLS\r\nMAIL FROM:<evil@attacker.test>\r\nRCPT TO:<victim@example.com>\r\n"),
                List.of(EHLO, "MAIL FROM:<alice@example.com>\r\n", "QUIT\r\n")));
        assertEquals(1, transport.handshakes);
        assertEquals(List.of("220", "250 EHLO", "220 2.0.0"), codes(transport.plainOutput.lines()));
        // the injected MAIL would have met "503 5.5.1 Send EHLO" right after the handshake
        assertEquals(List.of("250 EHLO", "250 2.1.0", "221 2.0.0"), codes(transport.tlsOutput.lines()));
        assertTrue(listener.recipientsAsked.isEmpty(), "the injected RCPT never reached the listener");
        assertTrue(!transport.tlsOutput.text().contains("evil") && !transport.plainOutput.text().contains("evil"));
    }

    @Test
    void messageIsDeliveredByteIdenticalAfterUnstuffing() {
        ByteArrayOutputStream original = new ByteArrayOutputStream();
        StringBuilder wire = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            String line = switch (i % 5) {
                case 0 -> "." + i;          // leading dot: stuffed on the wire
                case 1 -> "..";             // two dots: three on the wire
                case 2 -> "";
                case 3 -> "Grüße " + i + " ü€";
                default -> "plain text line " + i + " ending with a dot.";
            };
            original.writeBytes((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            wire.append(line.startsWith(".") ? "." : "").append(line).append("\r\n");
        }
        wire.append(".\r\n");
        List<String> tls = new ArrayList<>(List.of(EHLO, AUTH, "MAIL FROM:<alice@example.com> BODY=8BITMIME\r\n",
                "RCPT TO:<bob@example.net>\r\n", "DATA\r\n"));
        String data = wire.toString();
        for (int start = 0; start < data.length(); start += 997) { // odd chunks: CRLF.CRLF split across reads
            tls.add(data.substring(start, Math.min(data.length(), start + 997)));
        }
        tls.add("QUIT\r\n");
        MemoryTransport transport = run(MemoryTransport.of(TO_TLS, tls));
        assertTrue(transport.tlsOutput.lines().contains("250 2.0.0 Queued as M1"), transport.tlsOutput::text);
        RecordingListener.Delivery delivery = listener.onlyDelivery();
        assertArrayEquals(original.toByteArray(), delivery.data());
        assertEquals(original.size(), delivery.declaredSize());
    }

    @Test
    void largeMessageIsSpooledToAFileAndRemovedAfterwards() throws Exception {
        String line = "x".repeat(998) + "\r\n";
        String data = line.repeat(400); // 400 KB: beyond the in-memory threshold
        run(MemoryTransport.of(TO_TLS, List.of(EHLO, AUTH, "MAIL FROM:<alice@example.com>\r\n",
                "RCPT TO:<bob@example.net>\r\n", "DATA\r\n", data + ".\r\n", "QUIT\r\n")));
        assertEquals(data, new String(listener.onlyDelivery().data(), StandardCharsets.US_ASCII));
        try (var files = java.nio.file.Files.list(spoolDirectory)) {
            assertEquals(0, files.count(), "the spool file is deleted once the listener has answered");
        }
    }

    @Test
    void disconnectDuringDataDeliversNothing() {
        MemoryTransport transport = run(MemoryTransport.of(TO_TLS, List.of(EHLO, AUTH,
                "MAIL FROM:<alice@example.com>\r\nRCPT TO:<bob@example.net>\r\nDATA\r\n",
                "Subject: cut\r\n\r\nhalf a mess")));
        assertTrue(listener.deliveries.isEmpty());
        List<String> lines = transport.tlsOutput.lines();
        assertEquals("354", codes(lines).get(codes(lines).size() - 1), "nothing is said after the client left");
    }

    private static final String SMUGGLING_DATA = "Subject: hi\r\n\r\nhello\r\n.\nMAIL FROM:<alice@example.com>\r\n"
            + "RCPT TO:<victim@example.org>\r\nDATA\r\nforged\r\n.\r\n";

    @Test
    void smuggledCommandsStayInsideTheOneMessage() {
        MemoryTransport transport = run(MemoryTransport.of(TO_TLS, List.of(EHLO, AUTH,
                "MAIL FROM:<alice@example.com>\r\nRCPT TO:<bob@example.net>\r\nDATA\r\n", SMUGGLING_DATA + "QUIT\r\n")));
        assertEquals(List.of("250 EHLO", "235 2.7.0", "250 2.1.0", "250 2.1.5", "354", "250 2.0.0", "221 2.0.0"),
                codes(transport.tlsOutput.lines()));
        assertEquals("Subject: hi\r\n\r\nhello\r\n.\r\nMAIL FROM:<alice@example.com>\r\nRCPT TO:<victim@example.org>\r\n"
                + "DATA\r\nforged\r\n", new String(listener.onlyDelivery().data(), StandardCharsets.US_ASCII));
        assertEquals(1, listener.recipientsAsked.size(), "the smuggled RCPT was never processed");
    }

    @Test
    void smugglingAttemptIsRefusedAfterTheEndOfDataWhenBareLineFeedsAreRejected() {
        MemoryTransport transport = run(MemoryTransport.of(TO_TLS, List.of(EHLO, AUTH,
                "MAIL FROM:<alice@example.com>\r\nRCPT TO:<bob@example.net>\r\nDATA\r\n", SMUGGLING_DATA,
                "NOOP\r\nQUIT\r\n")), Limits.defaults().withBareLineFeeds(BareLineFeeds.REJECT));
        assertEquals(List.of("250 EHLO", "235 2.7.0", "250 2.1.0", "250 2.1.5", "354", "554 5.6.0", "250 2.0.0",
                "221 2.0.0"), codes(transport.tlsOutput.lines()));
        assertTrue(listener.deliveries.isEmpty());
        assertEquals(1, listener.recipientsAsked.size(), "the smuggled RCPT was never processed");
    }

    @Test
    void aTransactionTheListenerTakesWhateverItsLineEndsIsNormalisedWhereOthersAreRefused() {
        listener.takingAnyLineEnds.add("b-token@bounce.example.net");
        String damaged = "Subject: bounce\r\r\n\r\nreturned\nmail\r\n.\r\n";
        MemoryTransport transport = run(MemoryTransport.of(TO_TLS, List.of(EHLO, AUTH,
                "MAIL FROM:<>\r\nRCPT TO:<b-token@bounce.example.net>\r\nDATA\r\n", damaged,
                "MAIL FROM:<alice@example.com>\r\nRCPT TO:<b-token@bounce.example.net>\r\nRCPT TO:<bob@example.net>\r\n"
                        + "DATA\r\n", damaged, "QUIT\r\n")), Limits.defaults().withBareLineFeeds(BareLineFeeds.REJECT));
        assertEquals(List.of("250 EHLO", "235 2.7.0", "250 2.1.0", "250 2.1.5", "354", "250 2.0.0",
                "250 2.1.0", "250 2.1.5", "250 2.1.5", "354", "554 5.6.0", "221 2.0.0"), codes(transport.tlsOutput.lines()));
        assertEquals("Subject: bounce \r\n\r\nreturned\r\nmail\r\n",
                new String(listener.onlyDelivery().data(), StandardCharsets.US_ASCII),
                "only the transaction for bounce addresses alone is taken, its line ends normalised");
    }

    @Test
    void unixLineEndsAreStoredWithCrlf() {
        run(MemoryTransport.of(TO_TLS, List.of(EHLO, AUTH,
                "MAIL FROM:<alice@example.com>\r\nRCPT TO:<bob@example.net>\r\nDATA\r\n",
                "Subject: unix\n\n..dot\nbody\n\r\n.\r\n", "QUIT\r\n")));
        assertEquals("Subject: unix\r\n\r\n.dot\r\nbody\r\n\r\n",
                new String(listener.onlyDelivery().data(), StandardCharsets.US_ASCII));
    }

    @Test
    void refusedMessageThatDoesNotEndWithinOneMoreSizeLimitGetsItsReplyAndTheConnectionCloses() {
        MemoryTransport transport = run(MemoryTransport.of(TO_TLS, List.of(EHLO, AUTH,
                "MAIL FROM:<alice@example.com>\r\nRCPT TO:<bob@example.net>\r\nDATA\r\n",
                ("y".repeat(98) + "\r\n").repeat(30), "NOOP\r\n")), Limits.defaults().withMaxMessageSize(1000));
        assertEquals(List.of("250 EHLO", "235 2.7.0", "250 2.1.0", "250 2.1.5", "354", "552 5.3.4"),
                codes(transport.tlsOutput.lines()));
    }

    @Test
    void oversizedMessageIsRefusedAndTheSessionStaysInStep() {
        MemoryTransport transport = run(MemoryTransport.of(TO_TLS, List.of(EHLO, AUTH,
                "MAIL FROM:<alice@example.com>\r\nRCPT TO:<bob@example.net>\r\nDATA\r\n",
                "y".repeat(500) + "\r\n" + "z".repeat(700) + "\r\n.\r\n", "NOOP\r\n", "QUIT\r\n")),
                Limits.defaults().withMaxMessageSize(1000));
        assertEquals(List.of("250 EHLO", "235 2.7.0", "250 2.1.0", "250 2.1.5", "354", "552 5.3.4", "250 2.0.0", "221 2.0.0"),
                codes(transport.tlsOutput.lines()));
        assertTrue(listener.deliveries.isEmpty());
    }

    @Test
    void slowCommandLineGets421AndTheConnectionEnds() {
        Limits limits = new Limits(2048, 65536, 1000, 10, 10, Duration.ofMinutes(5), Duration.ofMillis(100));
        byte[] slow = ("EHLO " + "x".repeat(200) + "\r\nQUIT\r\n").getBytes(StandardCharsets.US_ASCII);
        MemoryTransport transport = run(new MemoryTransport(new TrickleInputStream(slow, 20), null, null), limits);
        assertEquals(List.of("220", "421 4.4.2"), codes(transport.plainOutput.lines()));
    }

    @Test
    void aTransactionKeptOpenWithCommandsEndsAtItsTimeLimit() {
        Limits limits = Limits.defaults().withTimeLimits(Duration.ofMinutes(5), Duration.ofMillis(300), 500,
                Duration.ofHours(1), Duration.ofSeconds(10));
        byte[] trickle = (EHLO + "MAIL FROM:<alice@example.com>\r\n" + "NOOP\r\n".repeat(200)).getBytes(StandardCharsets.US_ASCII);
        MemoryTransport transport = run(new MemoryTransport(new TrickleInputStream(trickle, 10), null, null), limits);
        List<String> lines = transport.plainOutput.lines();
        assertEquals(List.of("220", "250 EHLO", "250 2.1.0", "250 2.0.0"), codes(lines).subList(0, 4));
        assertEquals("421 4.4.2 Mail transaction time limit exceeded; closing connection", lines.get(lines.size() - 1));
        assertTrue(lines.size() < 200, "ended long before the client did");
    }

    @Test
    void messageDataBelowTheMinimumRateEndsTheConnection() {
        Limits limits = Limits.defaults().withTimeLimits(Duration.ofMillis(300), Duration.ofMinutes(30), 1000,
                Duration.ofHours(1), Duration.ofSeconds(10));
        byte[] trickle = (EHLO + AUTH + "MAIL FROM:<alice@example.com>\r\nRCPT TO:<bob@example.net>\r\nDATA\r\n"
                + "x".repeat(2000) + "\r\n.\r\n").getBytes(StandardCharsets.US_ASCII);
        MemoryTransport transport = run(new MemoryTransport(null, new TrickleInputStream(trickle, 10),
                new Transport.TlsFacts("TLSv1.3", "TEST")), limits);
        List<String> lines = transport.tlsOutput.lines();
        assertEquals("421 4.4.2 Message data arriving too slowly; closing connection", lines.get(lines.size() - 1));
        assertTrue(listener.deliveries.isEmpty());
    }

    @Test
    void implicitTlsOffersAuthFromTheStart() {
        MemoryTransport transport = run(MemoryTransport.implicitTls(List.of(EHLO, AUTH, "STARTTLS\r\n", "QUIT\r\n")));
        List<String> lines = transport.tlsOutput.lines();
        assertTrue(lines.contains("250 AUTH PLAIN LOGIN"), lines::toString);
        assertEquals(List.of("220", "250 EHLO", "235 2.7.0", "503 5.5.1", "221 2.0.0"), codes(lines));
        assertEquals(0, transport.handshakes);
    }

    @Test
    void greetingIsFlushedBeforeAnythingIsRead() {
        MemoryTransport transport = run(MemoryTransport.of(List.of("QUIT\r\n"), List.of()));
        assertEquals(List.of("220 mx.test ESMTP SMTPeter relay ready\r\n", "221 2.0.0 Bye\r\n"), transport.plainOutput.flushes());
    }

    @Test
    void repliesAreFlushedWhenTheClientStopsSendingMidLine() {
        MemoryTransport transport = run(MemoryTransport.of(TO_TLS, List.of(EHLO, AUTH,
                "MAIL FROM:<alice@example.com>\r\nRCPT TO:<bob@example.net>\r\nDATA\r\n", "hello\r\n.\r\nQUI")));
        assertEquals(1, listener.deliveries.size(), "the listener has taken the message");
        // actual: the output ends with 354; the 250 for the delivered message never goes out
        assertEquals(List.of("250 EHLO", "235 2.7.0", "250 2.1.0", "250 2.1.5", "354", "250 2.0.0"),
                codes(transport.tlsOutput.lines()));
    }

    @Test
    void clientLeavingWithoutQuitEndsQuietly() {
        MemoryTransport transport = run(MemoryTransport.of(List.of(EHLO, "NOOP\r\n"), List.of()));
        assertEquals(List.of("220", "250 EHLO", "250 2.0.0"), codes(transport.plainOutput.lines()));
    }
}
