package org.smtpeter.intake.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smtpeter.testing.RawSmtpClient.expect;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smtpeter.testing.Mails;
import org.smtpeter.testing.RawSmtpClient;
import org.smtpeter.testing.Relay;
import org.smtpeter.testing.SmtpSink;
import org.smtpeter.testing.TestCredential;

/**
 * The attacks of issue 12 against a relay with production's connection limits (100 in total,
 * 50 per client, 60 per role, stress from 80) and idle timeout (300 s), and short time limits
 * so that they can be watched. Clients get addresses of their own on loopback (127.0.0.0/8 is
 * all loopback on Linux), since the limits and the AUTH throttle count per client address.
 */
class IntakeAbuseIT {

    private static final int STRESS_IDLE_SECONDS = 3;
    private static final int TRANSACTION_SECONDS = 6;
    private static final int SESSION_SECONDS = 15;
    private static final int AUTH_WINDOW_SECONDS = 8;
    /** PayaraMicro's setting for every test relay. */
    private static final int MAX_AUTH_FAILURES = 3;

    private static SmtpSink sink;
    private static Relay relay;

    @BeforeAll
    static void startRelayWithProductionLimits() throws IOException {
        sink = new SmtpSink();
        relay = Relay.start("intake-abuse", sink, Map.of(
                "smtpeter.delivery.smarthost", "127.0.0.1:" + sink.port(),
                "smtpeter.limits.max-connections", "100",
                "smtpeter.submission.max-connections", "60", // the default share, which the harness widens
                "smtpeter.limits.idle-timeout-seconds", "300",
                "smtpeter.limits.stress-idle-timeout-seconds", String.valueOf(STRESS_IDLE_SECONDS),
                "smtpeter.limits.transaction-timeout-seconds", String.valueOf(TRANSACTION_SECONDS),
                "smtpeter.limits.max-session-seconds", String.valueOf(SESSION_SECONDS),
                "smtpeter.limits.auth-failure-window-seconds", String.valueOf(AUTH_WINDOW_SECONDS)));
    }

    @AfterAll
    static void stop() throws Exception {
        relay.close();
    }

    @Test
    void oneClientOnPort25CannotTakeTheSlotsOfSubmission() throws Exception {
        List<RawSmtpClient> held = new ArrayList<>();
        try {
            List<String> refusals = greet(held, relay.mtaPort(), "127.0.0.2", 100);
            assertEquals(50, held.size(), "the per-client limit");
            assertEquals(50, refusals.size());
            assertTrue(refusals.stream().allMatch(reply -> reply.startsWith("421 4.7.0 ")), refusals.toString());

            submitFrom127001("while one client holds 50 slots on port 25");

            // Another client on port 25 fills the role's share (60 of 100), never the whole listener.
            List<String> overTheShare = greet(held, relay.mtaPort(), "127.0.0.3", 20);
            assertEquals(60, held.size(), "the mta role's share");
            assertTrue(overTheShare.stream().allMatch(reply -> reply.startsWith("421 4.3.2 ")), overTheShare.toString());

            submitFrom127001("while port 25 is at its share");
        } finally {
            closeAll(held);
        }
    }

    @Test
    void nearlyFullListenersEndIdleConnectionsLongBeforeTheIdleTimeout() throws Exception {
        List<RawSmtpClient> held = new ArrayList<>();
        try {
            greetAll(held, relay.mtaPort(), "127.0.0.12", 50);
            greetAll(held, relay.submissionPort(), "127.0.0.13", 29);
            Thread.sleep((STRESS_IDLE_SECONDS + 1) * 1000L);
            assertTrue(timedOut(held).isEmpty(), "79 of 100 is not stress yet");

            greetAll(held, relay.submissionPort(), "127.0.0.14", 1); // 80 of 100

            List<String> closed = List.of();
            for (int second = 0; second < 20 && closed.isEmpty(); second++) {
                Thread.sleep(1000);
                closed = timedOut(held);
            }
            assertTrue(!closed.isEmpty(), "idle for seconds of a 300 s idle timeout, yet closed under stress");
            assertTrue(closed.stream().allMatch(reply -> reply.startsWith("421 4.4.2 ")), closed.toString());
        } finally {
            closeAll(held);
        }
    }

    @Test
    void aTransactionKeptOpenPastItsTimeLimitIsEnded() throws Exception {
        TestCredential credential = relay.newCredential();
        try (RawSmtpClient client = new RawSmtpClient(relay.submissionPort())) {
            client.login(credential.username(), credential.password());
            expect("250", client.command("MAIL FROM:<" + Mails.uniqueSender() + ">"));
            String reply = null;
            for (int i = 0; i < 4 * TRANSACTION_SECONDS && (reply == null || reply.startsWith("250")); i++) {
                Thread.sleep(500);
                reply = client.command("NOOP"); // busy, never idle
            }
            assertEquals("421 4.4.2 Mail transaction time limit exceeded; closing connection", reply);
            assertTrue(client.isClosedByServer());
        }
    }

    @Test
    void aSessionPastItsLifetimeIsEndedAtTheNextCommand() throws Exception {
        TestCredential credential = relay.newCredential();
        try (RawSmtpClient client = new RawSmtpClient(relay.submissionPort())) {
            client.login(credential.username(), credential.password());
            Thread.sleep((SESSION_SECONDS + 1) * 1000L);
            assertEquals("421 4.4.2 Session time limit reached; closing connection", client.command("NOOP"));
            assertTrue(client.isClosedByServer());
        }
    }

    @Test
    void parallelConnectionsGetNoMoreGuessesThanTheLimit() throws Exception {
        TestCredential victim = relay.newCredential();
        List<RawSmtpClient> guessers = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(10);
        try {
            for (int i = 0; i < 10; i++) {
                RawSmtpClient client = new RawSmtpClient(relay.submissionPort(), "127.0.0.5");
                guessers.add(client);
                client.secure();
            }
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> replies = new ArrayList<>();
            for (RawSmtpClient client : guessers) {
                replies.add(threads.submit(() -> {
                    go.await();
                    return client.authPlain(victim.username(), "guess-" + System.nanoTime());
                }));
            }
            go.countDown();
            List<String> answered = new ArrayList<>();
            for (Future<String> reply : replies) {
                answered.add(reply.get());
            }
            assertEquals(MAX_AUTH_FAILURES, answered.stream().filter(reply -> reply.startsWith("535 ")).count(),
                    answered.toString());
            assertEquals(10 - MAX_AUTH_FAILURES, answered.stream().filter(reply -> reply.startsWith("421 4.7.0 ")).count(),
                    answered.toString());
        } finally {
            threads.shutdownNow();
            closeAll(guessers);
        }
    }

    @Test
    void theRightPasswordWorksOneWindowAfterTheFailuresHoweverOftenItWasRefusedMeanwhile() throws Exception {
        String address = "127.0.0.6";
        TestCredential credential = relay.newCredential();
        try (RawSmtpClient client = new RawSmtpClient(relay.submissionPort(), address)) {
            client.secure();
            for (int i = 0; i < MAX_AUTH_FAILURES; i++) {
                expect("535", client.authPlain(credential.username(), "wrong"));
            }
            expect("421 4.7.0", client.authPlain(credential.username(), credential.password()));
        }
        int refused = 1;
        String reply = "421";
        for (int i = 0; i < 4 * AUTH_WINDOW_SECONDS && reply.startsWith("421"); i++) {
            Thread.sleep(1000);
            try (RawSmtpClient client = new RawSmtpClient(relay.submissionPort(), address)) {
                client.secure();
                reply = client.authPlain(credential.username(), credential.password());
                refused += reply.startsWith("421 4.7.0") ? 1 : 0;
            }
        }
        expect("235", reply);
        assertTrue(refused >= AUTH_WINDOW_SECONDS / 2, "refused " + refused + " times while the window lasted");
    }

    private static void submitFrom127001(String when) throws IOException {
        String sender = Mails.uniqueSender();
        relay.submit(sender, Mails.simple(sender, "b@example.net", when), "b@example.net");
        assertEquals(1, relay.messagesFrom(sender).size(), when);
    }

    /** Opens {@code count} connections from {@code address}; keeps those greeted with 220, returns the other replies. */
    private static List<String> greet(List<RawSmtpClient> held, int port, String address, int count) throws IOException {
        List<String> refusals = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            RawSmtpClient client = new RawSmtpClient(port, address);
            String greeting = client.reply();
            if (greeting != null && greeting.startsWith("220")) {
                held.add(client);
            } else {
                refusals.add(greeting);
                client.close();
            }
        }
        return refusals;
    }

    /** Opens {@code count} greeted connections, waiting for slots that earlier tests' clients still hold. */
    private static void greetAll(List<RawSmtpClient> held, int port, String address, int count) throws Exception {
        int wanted = held.size() + count;
        for (int attempt = 0; attempt < 100 && held.size() < wanted; attempt++) {
            if (!greet(held, port, address, wanted - held.size()).isEmpty()) {
                Thread.sleep(100);
            }
        }
        assertEquals(wanted, held.size(), "connections greeted from " + address);
    }

    /** The replies that arrived unasked on idle connections. */
    private static List<String> timedOut(List<RawSmtpClient> clients) throws IOException {
        List<String> replies = new ArrayList<>();
        for (RawSmtpClient client : clients) {
            if (client.hasReply()) {
                replies.add(client.reply());
            }
        }
        return replies;
    }

    private static void closeAll(List<RawSmtpClient> clients) throws IOException {
        for (RawSmtpClient client : clients) {
            client.close();
        }
    }
}
