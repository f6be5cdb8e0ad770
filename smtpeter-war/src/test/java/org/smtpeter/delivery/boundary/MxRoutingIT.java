package org.smtpeter.delivery.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smtpeter.testing.RawSmtpClient.expect;

import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smtpeter.testing.Mails;
import org.smtpeter.testing.RawSmtpClient;
import org.smtpeter.testing.Relay;
import org.smtpeter.testing.SmtpSink;
import org.smtpeter.testing.TestCredential;
import org.smtpeter.testing.TestDns;

/**
 * Routing by DNS (RFC 5321 section 5, RFC 7505) against a DNS server started by the test: a relay
 * of its own without a smart host, whose MX port is the sink's.
 */
class MxRoutingIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static TestDns dns;
    private static SmtpSink sink;
    private static Relay relay;

    @BeforeAll
    static void startRelayWithDns() throws IOException {
        dns = new TestDns()
                .mx("mx.test", 10, "mx1.mx.test").a("mx1.mx.test", "127.0.0.1")
                // The preferred exchanger listens nowhere (the sink is on 127.0.0.1 only): fail over.
                .mx("backup.test", 10, "dead.backup.test").a("dead.backup.test", "127.0.0.2")
                .mx("backup.test", 20, "live.backup.test").a("live.backup.test", "127.0.0.1")
                .a("nomx.test", "127.0.0.1")
                .mx("nullmx.test", 0, ".")
                .mx("it.example.org", 10, "mx.it.example.org").a("mx.it.example.org", "127.0.0.1");
        sink = new SmtpSink();
        relay = Relay.start("mx-routing", sink, Map.of(
                "smtpeter.delivery.dns-server", dns.address(),
                "smtpeter.delivery.mx-port", String.valueOf(sink.port()),
                "smtpeter.delivery.retry-schedule", "PT1S",
                "smtpeter.delivery.poll-interval-millis", "200"));
    }

    @AfterAll
    static void stop() throws Exception {
        relay.close();
        dns.close();
    }

    @Test
    void mailGoesToTheMxHost() throws Exception {
        String recipient = unique("mx.test");
        String id = send(recipient);

        sink.awaitFor(recipient, WAIT);

        assertEquals("mx1.mx.test", awaitAttempt(id).getString("remoteHost"));
    }

    @Test
    void anUnreachableMxFailsOverToTheNextByPreference() throws Exception {
        String recipient = unique("backup.test");
        String id = send(recipient);

        sink.awaitFor(recipient, WAIT);

        // The attempt is recorded just after the sink has the message: wait for it, not for the sink.
        JsonObject attempt = awaitAttempt(id);
        assertEquals("live.backup.test", attempt.getString("remoteHost"));
        assertEquals("delivered", attempt.getString("outcome"));
    }

    @Test
    void aDomainWithoutMxIsItsOwnMailServer() throws Exception {
        String recipient = unique("nomx.test");
        send(recipient);

        sink.awaitFor(recipient, WAIT);
    }

    @Test
    void aNullMxFailsAtOnceAndTheSenderIsTold() throws Exception {
        assertFailsAtOnceAndTheSenderIsTold(unique("nullmx.test"), "5.1.10");
    }

    @Test
    void aDomainThatDoesNotExistFailsWithFiveOneTwo() throws Exception {
        String id = send(unique("no-such-domain.test"));

        JsonObject attempt = awaitAttempt(id);

        assertEquals("failed", attempt.getString("outcome"));
        assertEquals("5.1.2", attempt.getString("enhancedCode"));
    }

    @Test
    void aDomainDnsCannotExpressFailsAtOnceAndTheSenderIsTold() throws Exception {
        // A label over 63 octets (RFC 1035 2.3.4): no lookup can ever succeed.
        assertFailsAtOnceAndTheSenderIsTold(unique("a".repeat(64) + ".test"), "5.1.2");
    }

    private static void assertFailsAtOnceAndTheSenderIsTold(String recipient, String status) throws Exception {
        String sender = Mails.uniqueSender();
        String id = send(sender, recipient);

        String notice = sink.awaitFor(sender, WAIT).text();

        assertTrue(notice.contains("Final-Recipient: rfc822; " + recipient + "\r\nAction: failed\r\nStatus: " + status
                + "\r\n"), notice);
        JsonObject attempt = awaitAttempt(id);
        assertEquals("failed", attempt.getString("outcome"));
        assertEquals(status, attempt.getString("enhancedCode"));
    }

    private static String send(String recipient) throws IOException {
        return send(Mails.uniqueSender(), recipient);
    }

    private static String send(String sender, String recipient) throws IOException {
        return relay.submit(sender, Mails.simple(sender, recipient, "routed by MX"), recipient);
    }

    private static JsonObject awaitAttempt(String id) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonArray attempts = attempts(id);
            if (!attempts.isEmpty()) {
                return attempts.getJsonObject(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no attempt for " + id);
    }

    private static JsonArray attempts(String id) {
        return Json.createReader(new StringReader(relay.get("/api/v1/attempts?message=" + id, 200).body())).readArray();
    }

    private static String unique(String domain) {
        return "user-" + UUID.randomUUID().toString().substring(0, 8) + "@" + domain;
    }
}
