package org.smtpeter.delivery.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smtpeter.testing.Mails;
import org.smtpeter.testing.PostgreSql;
import org.smtpeter.testing.RawSmtpClient;
import org.smtpeter.testing.Relay;
import org.smtpeter.testing.SmtpSink;
import org.smtpeter.testing.TestCredential;

/**
 * Memory is bounded by configuration, not by what clients send: twenty 30 MiB messages (a small
 * HTML part and a large attachment) arrive at once, each to 50 recipients with open tracking on,
 * so every recipient gets a copy of its own; under the one-command run's heap limit (512 MB) all
 * are accepted and delivered intact, and the server never runs out of memory. Prints the heap and
 * the resident memory it needed.
 *
 * <p>It runs in the H2 pass only, the one-command default and the database that needs the most
 * memory beside the heap; on PostgreSQL the bytes take the same path (MessageStore's chunks), and
 * its four to five minutes there kept the full CI run over its 40-minute budget.
 */
class LargeMessagesIT {

    private static final int MESSAGES = 20;
    private static final int RECIPIENTS = 50;
    private static final int ATTACHMENT_BYTES = 23 * 1024 * 1024; // about 30 MiB once base64-encoded
    private static final Duration WAIT = Duration.ofMinutes(15);

    private static SmtpSink sink;
    private static Relay relay;

    @BeforeAll
    static void startRelay() throws IOException {
        Assumptions.assumeFalse(PostgreSql.inUse(), "large messages are tested in the H2 pass");
        sink = new SmtpSink(64 * 1024);
        relay = Relay.start("large-messages", sink, Map.of(
                "smtpeter.delivery.smarthost", "127.0.0.1:" + sink.port(),
                "smtpeter.limits.max-message-size", String.valueOf(40 * 1024 * 1024),
                "smtpeter.limits.max-connections", "100",
                "smtpeter.limits.max-recipients", String.valueOf(RECIPIENTS),
                "smtpeter.limits.idle-timeout-seconds", "120"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (relay == null) {
            return; // not started: the PostgreSQL pass
        }
        relay.close();
        sink.close();
    }

    @Test
    void twentyConcurrent30MegabyteMessagesToFiftyTrackedRecipientsEachFitTheHeap() throws Exception {
        byte[] attachment = new byte[ATTACHMENT_BYTES];
        new Random(30).nextBytes(attachment);
        // Open tracking switched on by the message's own header; the credential has it off.
        byte[] message = Mails.dotStuffed(Mails.withAttachment("X-SMTPeter-OpensTracking: true\r\n", attachment));
        TestCredential credential = relay.newCredential();

        ExecutorService clients = Executors.newFixedThreadPool(MESSAGES);
        List<Future<String>> replies = new ArrayList<>();
        long submitted = System.nanoTime();
        for (int m = 0; m < MESSAGES; m++) {
            List<String> recipients = new ArrayList<>();
            for (int r = 0; r < RECIPIENTS; r++) {
                recipients.add("m" + m + "-r" + r + "@large.test");
            }
            replies.add(clients.submit(() -> send(credential, message, recipients)));
        }
        for (Future<String> reply : replies) {
            assertTrue(reply.get().startsWith("250"), reply.get());
        }
        long accepted = System.nanoTime();
        clients.shutdown();

        long deadline = System.nanoTime() + WAIT.toNanos();
        while (sink.received().size() < MESSAGES * RECIPIENTS && System.nanoTime() < deadline) {
            Thread.sleep(1000);
        }
        List<SmtpSink.Received> received = sink.received();
        assertEquals(MESSAGES * RECIPIENTS, received.size(), "copies at the sink");

        byte[] tail = Arrays.copyOfRange(message, message.length - 256, message.length);
        for (SmtpSink.Received copy : received) {
            assertEquals(1, copy.recipients().size(), "tracked copies are one per recipient");
            assertTrue(copy.size() > message.length, "whole copy: " + copy.size());
            assertArrayEquals(tail, copy.tail(), "the attachment ends as it was sent");
            String head = new String(copy.data(), StandardCharsets.ISO_8859_1);
            assertTrue(head.contains("/o/"), "open tracking pixel in the HTML part");
            assertFalse(head.toLowerCase().contains("x-smtpeter-"), "feature headers removed");
        }
        assertEquals(MESSAGES * RECIPIENTS, received.stream().map(c -> c.recipients().get(0))
                .collect(Collectors.toSet()).size(), "every recipient once");

        String log = Files.readString(relay.server().currentLog(), StandardCharsets.ISO_8859_1);
        assertFalse(log.contains("OutOfMemoryError"), "the server ran out of memory");
        System.out.println("[large messages] " + MESSAGES + " x " + message.length / (1024 * 1024) + " MiB to "
                + RECIPIENTS + " recipients each: all accepted after " + seconds(accepted - submitted)
                + ", all delivered after " + seconds(System.nanoTime() - submitted) + "; " + memory());
    }

    private static String send(TestCredential credential, byte[] stuffed, List<String> recipients) throws IOException {
        // Twenty large messages stored at once take a while: wait as long as Postfix would (600 s).
        try (RawSmtpClient client = new RawSmtpClient(relay.submissionPort()).timeout(Duration.ofMinutes(10))) {
            client.login(credential.username(), credential.password());
            client.startData("sender@example.com", recipients.toArray(String[]::new));
            client.write(stuffed);
            return client.command(".");
        }
    }

    private static String seconds(long nanos) {
        return Duration.ofNanos(nanos).toSeconds() + " s";
    }

    /** Heap from the server's own metrics, resident memory now and at its peak from /proc. */
    private static String memory() throws IOException {
        String status = Files.readString(Path.of("/proc", String.valueOf(relay.server().pid()), "status"));
        String rss = status.lines().filter(l -> l.startsWith("VmRSS") || l.startsWith("VmHWM"))
                .map(l -> l.replaceAll("\\s+", " ")).collect(Collectors.joining(", "));
        String heap = relay.request(HttpRequest.newBuilder(relay.uri("/metrics?scope=base")).GET()).body().lines()
                .filter(l -> l.startsWith("memory_") && l.contains("Heap_bytes") && !l.contains("NonHeap"))
                .collect(Collectors.joining(", "));
        return "heap " + heap + "; " + rss;
    }
}
