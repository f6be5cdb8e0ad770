package org.smtpeter.delivery.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.smtpeter.testing.FreePorts;
import org.smtpeter.testing.Mails;
import org.smtpeter.testing.PostfixInstance;
import org.smtpeter.testing.PostgreSql;
import org.smtpeter.testing.Relay;
import org.smtpeter.testing.SmtpSink;
import org.smtpeter.testing.TestCredential;

/**
 * Postfix behind the relay, as the smart host users point it at: it offers STARTTLS and takes
 * mail only after AUTH, which the relay gives it; with {@code require-tls} the relay defers
 * rather than sends in the clear when the next hop stops offering TLS, and sends once it does again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostfixNextHopIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String USER = "relay-at-postfix";
    private static final String PASSWORD = "smart-host-" + UUID.randomUUID();

    private static SmtpSink sink;
    private static PostfixInstance postfix;
    private static Relay relay;

    @BeforeAll
    static void start() throws Exception {
        // Postfix meets the relay over SMTP only: the database behind it changes nothing, so the H2 pass is enough.
        Assumptions.assumeFalse(PostgreSql.inUse(), "tested in the H2 pass");
        Assumptions.assumeTrue(PostfixInstance.whyUnavailable().isEmpty(),
                () -> "Postfix cannot run here: " + PostfixInstance.whyUnavailable().orElseThrow());
        sink = new SmtpSink();
        int port = FreePorts.next();
        postfix = PostfixInstance.smartHost(moduleDir().resolve("target/postfix-it/smart-host"), port, USER, PASSWORD,
                sink.port()).start();
        relay = Relay.start("postfix-next-hop", null, Map.of(
                "smtpeter.delivery.smarthost", "127.0.0.1:" + port,
                "smtpeter.delivery.smarthost.tls", "starttls",
                "smtpeter.delivery.smarthost.username", USER,
                "smtpeter.delivery.smarthost.password", PASSWORD,
                "smtpeter.delivery.require-tls", "true",
                "smtpeter.delivery.retry-schedule", "PT2S",
                "smtpeter.delivery.poll-interval-millis", "200"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (relay != null) {
            relay.close();
        }
        if (postfix != null) {
            postfix.close();
        }
        if (sink != null) {
            sink.close();
        }
    }

    @Test
    @Order(1)
    void theRelayLogsInAtThePostfixSmartHostOverStartTls() throws Exception {
        TestCredential credential = relay.newCredential();
        String recipient = "via-postfix-" + UUID.randomUUID() + "@example.net";
        String id = relay.submit(credential, Mails.uniqueSender(), message(recipient), recipient);

        SmtpSink.Received arrived = sink.awaitFor(recipient, TIMEOUT);

        // ESMTPSA, or UTF8SMTPSA when the relay asked for SMTPUTF8: TLS (S) and AUTH (A) either way.
        assertTrue(arrived.text().matches("(?s).*by smarthost\\.postfix\\.test \\(Postfix\\) with (ESMTPSA|UTF8SMTPSA) .*"),
                "Postfix took it over TLS after AUTH:\n" + arrived.text());
        List<String> login = postfix.logLines("sasl_username=" + USER);
        assertFalse(login.isEmpty(), String.join("\n", postfix.logLines("")));
        JsonObject attempt = awaitAttempt(id); // Postfix may pass it on before the relay has recorded its attempt
        assertEquals("delivered", attempt.getString("outcome"));
        assertTrue(attempt.getString("tls").startsWith("TLS"), attempt.toString());
    }

    @Test
    @Order(2)
    void withRequireTlsANextHopWithoutTlsDefersTheMailUntilItOffersTlsAgain() throws Exception {
        postfix.reconfigure("smtpd_tls_security_level=none", "smtpd_tls_auth_only=no");
        Thread.sleep(3_000); // past the idle limit of a connection kept from the first test
        TestCredential credential = relay.newCredential();
        String recipient = "tls-required-" + UUID.randomUUID() + "@example.net";
        String id = relay.submit(credential, Mails.uniqueSender(), message(recipient), recipient);

        JsonObject deferred = awaitDelivery(id, "deferred");
        assertTrue(deferred.getString("lastReply").contains("STARTTLS"), "the reason is visible: " + deferred);
        assertTrue(sink.receivedFor(recipient).isEmpty(), "nothing went out in the clear");

        postfix.reconfigure("smtpd_tls_security_level=encrypt", "smtpd_tls_auth_only=yes");
        sink.awaitFor(recipient, TIMEOUT);
        assertEquals("delivered", awaitDelivery(id, "delivered").getString("state"));
    }

    private static JsonObject awaitDelivery(String messageId, String state) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        JsonObject delivery = null;
        while (System.nanoTime() < deadline) {
            delivery = single(array("/api/v1/deliveries?message=" + messageId));
            if (state.equals(delivery.getString("state")) && !delivery.isNull("lastReply")) {
                return delivery;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("delivery of " + messageId + " not " + state + " within " + TIMEOUT + ": " + delivery);
    }

    private static JsonObject awaitAttempt(String messageId) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        JsonArray attempts = array("/api/v1/attempts?message=" + messageId);
        while (attempts.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            attempts = array("/api/v1/attempts?message=" + messageId);
        }
        return single(attempts);
    }

    private static JsonArray array(String path) {
        return Json.createReader(new StringReader(relay.get(path, 200).body())).readArray();
    }

    private static JsonObject single(JsonArray array) {
        assertEquals(1, array.size(), array.toString());
        return array.getJsonObject(0);
    }

    private static byte[] message(String recipient) {
        return ("From: sender@it.example.org\r\nTo: " + recipient + "\r\nSubject: next hop\r\n\r\nthrough Postfix\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static Path moduleDir() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    }
}
