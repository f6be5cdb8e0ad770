package org.smtpeter.events.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smtpeter.testing.ApiClient;
import org.smtpeter.testing.Mails;
import org.smtpeter.testing.Relay;
import org.smtpeter.testing.SmtpSink;

/**
 * Publication never holds up the mail path: this relay is told to publish to a topic while
 * Payara Micro has no JMS provider at all, so every publication fails. Mail is still accepted and
 * delivered, and its events wait in the outbox with the reason, to be published once the broker
 * is there. (Publication to a real broker is tested on Payara Server, in the EAR test.)
 */
class EventOutboxIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static SmtpSink sink;
    private static Relay relay;

    @BeforeAll
    static void startRelayWithoutBroker() throws Exception {
        sink = new SmtpSink();
        relay = Relay.start("event-outbox", sink, Map.of(
                "smtpeter.delivery.smarthost", "127.0.0.1:" + sink.port(),
                "smtpeter.delivery.poll-interval-millis", "200",
                "smtpeter.events.topic", "jms/smtpeter/events"));
    }

    @AfterAll
    static void stop() throws Exception {
        relay.close();
    }

    @Test
    void mailIsDeliveredWhileItsEventsWaitForTheBroker() throws Exception {
        long before = outbox().getJsonNumber("waiting").longValue();
        String sender = Mails.uniqueSender();
        String recipient = "outbox-" + System.nanoTime() + "@example.net";

        relay.submit(sender, Mails.simple(sender, recipient, "events wait"), recipient);

        sink.awaitFor(recipient, WAIT);
        // accepted, then delivered: both stay in the outbox, and the publisher keeps trying.
        JsonObject outbox = awaitOutbox(status -> status.getJsonNumber("waiting").longValue() >= before + 2
                && status.getInt("mostAttempts") >= 2);
        assertEquals("jms/smtpeter/events", outbox.getString("topic"));
        assertTrue(outbox.getString("lastError").contains("javax.naming"), outbox.toString());
    }

    @Test
    void theOutboxIsForAdminsOnly() {
        long account = relay.newCredential().accountId();
        String token = ApiClient.object(ApiClient.expect(201,
                ApiClient.admin(relay).post("/api/v1/accounts/" + account + "/tokens", "{}"))).getString("token");

        ApiClient.expectError(403, ApiClient.withToken(relay, token).get("/api/v1/events/outbox"));
    }

    private static JsonObject awaitOutbox(java.util.function.Predicate<JsonObject> condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        JsonObject status = outbox();
        while (!condition.test(status) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            status = outbox();
        }
        assertTrue(condition.test(status), status.toString());
        return status;
    }

    private static JsonObject outbox() {
        String body = relay.get("/api/v1/events/outbox", 200).body();
        return Json.createReader(new StringReader(body)).readObject();
    }
}
