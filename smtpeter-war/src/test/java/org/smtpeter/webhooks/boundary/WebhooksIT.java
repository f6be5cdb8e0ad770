package org.smtpeter.webhooks.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smtpeter.testing.ApiClient.await;
import static org.smtpeter.testing.ApiClient.expect;
import static org.smtpeter.testing.ApiClient.expectError;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smtpeter.testing.ApiClient;
import org.smtpeter.testing.Mails;
import org.smtpeter.testing.Relay;
import org.smtpeter.testing.RelayExtension;
import org.smtpeter.testing.TestCredential;

/**
 * Webhooks against a real HTTP receiver: the events of a message sent over SMTP arrive signed
 * (verified with the JDK's HMAC, not the relay's code), in order, and a request answered 500 comes
 * again with the same webhook-id and a valid signature; an endpoint that fails for a day (the
 * relay's clock moved on) is disabled with a notice; account tokens see only their own endpoints.
 */
@ExtendWith(RelayExtension.class)
class WebhooksIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static WebhookReceiver receiver;
    private static Relay relay;
    private static ApiClient admin;

    @BeforeAll
    static void start(Relay shared) throws Exception {
        relay = shared;
        admin = ApiClient.admin(relay);
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    @Test
    void theEventsOfAMessageArriveSignedAndInOrderAndRetriesKeepTheirId() throws Exception {
        TestCredential credential = relay.newCredential();
        String flaky = "/flaky/" + UUID.randomUUID();
        String deliveredOnly = "/delivered/" + UUID.randomUUID();
        JsonObject all = create(credential.accountId(), receiver.url(flaky), "[]");
        JsonObject onlyDelivered = create(credential.accountId(), receiver.url(deliveredOnly), "[\"delivered\"]");
        String sender = Mails.uniqueSender();
        String recipient = "hook-" + UUID.randomUUID().toString().substring(0, 8) + "@example.net";
        long sentAt = Instant.now().getEpochSecond();

        String messageId = relay.submit(credential, sender, Mails.simple(sender, recipient, "webhooks"), recipient);

        List<WebhookReceiver.Request> requests = await(() -> receiver.requests(flaky),
                got -> succeededTypes(got).equals(List.of("accepted", "delivered")), WAIT,
                "accepted and delivered, each answered 2xx once, at " + flaky);
        for (WebhookReceiver.Request request : requests) {
            assertTrue(request.signedWith(all.getString("secret")), "signature of " + request);
            assertEquals(request.id(), request.json().getString("id"), "webhook-id is the event id");
            assertEquals(messageId, request.json().getString("messageId"));
            assertEquals(credential.accountId(), request.json().getJsonNumber("accountId").longValue());
            assertEquals(credential.username(), request.json().getString("credential"));
            long timestamp = Long.parseLong(request.timestamp());
            assertTrue(timestamp >= sentAt - 5 && timestamp <= Instant.now().getEpochSecond() + 5, request.toString());
            // The receiver's log, as an operator would read it: what came, signed how, answered what.
            System.out.println("webhook receiver: POST " + flaky + " webhook-id=" + request.id() + " webhook-timestamp="
                    + request.timestamp() + " webhook-signature=" + request.signature() + " type="
                    + request.json().getString("type") + " signature valid -> " + request.status());
        }
        // The receiver answered 500 to the first try of the accepted event: it came again, same id and body.
        WebhookReceiver.Request first = requests.get(0);
        assertEquals(500, first.status());
        assertEquals("accepted", first.json().getString("type"));
        WebhookReceiver.Request retry = requests.stream().filter(r -> r.id().equals(first.id()) && r.succeeded())
                .findFirst().orElseThrow();
        assertEquals(first.body(), retry.body());
        // In order: the delivered event came only after the accepted one got through.
        assertTrue(requests.indexOf(retry) < requests.indexOf(requests.stream()
                .filter(r -> r.json().getString("type").equals("delivered")).findFirst().orElseThrow()), requests.toString());

        List<WebhookReceiver.Request> delivered = await(() -> receiver.requests(deliveredOnly),
                got -> succeededTypes(got).equals(List.of("delivered")), WAIT, "delivered at " + deliveredOnly);
        assertTrue(delivered.stream().allMatch(r -> r.signedWith(onlyDelivered.getString("secret"))), delivered.toString());
        assertTrue(delivered.stream().noneMatch(r -> r.signedWith(all.getString("secret"))), "each endpoint its own secret");

        // The delivery log: newest first, each event once, with its tries, response code and duration.
        JsonArray log = admin.array(path(credential.accountId(), all) + "/deliveries");
        assertEquals(List.of("delivered", "accepted"), log.stream().map(JsonObject.class::cast)
                .map(entry -> entry.getString("eventType")).toList(), log.toString());
        JsonObject accepted = log.getJsonObject(1);
        assertEquals("SUCCEEDED", accepted.getString("state"));
        assertEquals(2, accepted.getInt("attempts"));
        assertEquals(200, accepted.getInt("responseCode"));
        assertTrue(accepted.getJsonNumber("durationMillis").longValue() >= 0);
        assertTrue(absent(accepted, "nextAttemptAt"), accepted.toString());
        assertEquals(first.id(), accepted.getString("eventId"));

        // The secret was shown once: never in a read.
        assertFalse(admin.object(path(credential.accountId(), all)).containsKey("secret"));
    }

    @Test
    void everyEventCarriesTheMessagesTags() throws Exception {
        TestCredential credential = relay.newCredential();
        String path = "/tags/" + UUID.randomUUID();
        JsonObject endpoint = create(credential.accountId(), receiver.url(path), "[]");
        String sender = Mails.uniqueSender();
        String plain = "tags-" + UUID.randomUUID().toString().substring(0, 8) + "@example.net";
        String deferredOnce = "tempfail-once-" + UUID.randomUUID().toString().substring(0, 8) + "@example.net";
        byte[] tagged = ("X-SMTPeter-Tags: spring, news\r\n" + new String(Mails.simple(sender, plain, "tagged"),
                java.nio.charset.StandardCharsets.UTF_8)).getBytes(java.nio.charset.StandardCharsets.UTF_8);

        relay.submit(credential, sender, tagged, plain, deferredOnce);

        List<WebhookReceiver.Request> requests = await(() -> receiver.requests(path),
                got -> succeededTypes(got).stream().sorted().toList()
                        .equals(List.of("accepted", "deferred", "delivered", "delivered")),
                WAIT, "accepted, deferred and two delivered at " + path);
        for (WebhookReceiver.Request request : requests) {
            assertTrue(request.signedWith(endpoint.getString("secret")), request.toString());
            assertEquals(List.of("spring", "news"), request.json().getJsonArray("tags")
                    .getValuesAs(jakarta.json.JsonString::getString), request.toString());
        }
    }

    @Test
    void aTestEventIsSignedWithTheRotatedSecret() {
        long account = admin.createAccount();
        String path = "/ok/" + UUID.randomUUID();
        JsonObject endpoint = create(account, receiver.url(path), "[\"bounced\"]");
        JsonObject rotated = ApiClient.object(expect(200, admin.post(path(account, endpoint) + "/rotate", "")));
        assertNotEquals(endpoint.getString("secret"), rotated.getString("secret"));

        JsonObject queued = ApiClient.object(expect(202, admin.post(path(account, endpoint) + "/test", "")));
        assertEquals("test", queued.getString("eventType"));

        WebhookReceiver.Request test = await(() -> receiver.requests(path), got -> !got.isEmpty(), WAIT,
                "the test event").get(0);
        assertEquals("test", test.json().getString("type"));
        assertEquals(queued.getString("eventId"), test.id());
        assertTrue(test.signedWith(rotated.getString("secret")));
        assertFalse(test.signedWith(endpoint.getString("secret")), "the old secret signs no more");
        await(() -> admin.array(path(account, endpoint) + "/deliveries").getJsonObject(0),
                entry -> entry.getString("state").equals("SUCCEEDED") && entry.getInt("responseCode") == 204,
                WAIT, "the test event in the log");
    }

    @Test
    void anEndpointThatFailsForADayIsDisabledWithANotice() throws Exception {
        long account = admin.createAccount();
        String path = "/down/" + UUID.randomUUID();
        JsonObject endpoint = create(account, receiver.url(path), "[]");
        expect(202, admin.post(path(account, endpoint) + "/test", ""));

        JsonObject failed = await(() -> admin.array(path(account, endpoint) + "/deliveries").getJsonObject(0),
                entry -> entry.getInt("attempts") == 1, WAIT, "the first failed try");
        assertEquals("PENDING", failed.getString("state"));
        assertEquals(500, failed.getInt("responseCode"));
        assertFalse(absent(failed, "nextAttemptAt"), "a next try is planned: " + failed);
        assertFalse(absent(admin.object(path(account, endpoint)), "failingSince"));

        try {
            // A day later the next try fails too: that is enough.
            relay.server().clockOffset(Duration.ofHours(24).plusMinutes(1));
            JsonObject disabled = await(() -> admin.object(path(account, endpoint)),
                    view -> !view.getBoolean("enabled"), WAIT, "the endpoint disabled");
            assertTrue(disabled.getString("disabledNotice").contains("24 hours of failed requests"),
                    disabled.toString());
            assertTrue(disabled.getString("disabledNotice").contains("HTTP 500"), disabled.toString());
        } finally {
            relay.server().clockOffset(Duration.ZERO);
        }
        JsonObject given = admin.array(path(account, endpoint) + "/deliveries").getJsonObject(0);
        assertEquals("FAILED", given.getString("state"));
        // The try at 5 s may have come before the clock moved; every try is in the log, and no more.
        assertTrue(given.getInt("attempts") >= 2, given.toString());
        assertEquals(given.getInt("attempts"), receiver.requests(path).size());
        expectError(409, admin.post(path(account, endpoint) + "/test", ""));

        // Enabled again by hand, it is sent to again.
        JsonObject enabled = ApiClient.object(expect(200, admin.patch(path(account, endpoint), "{\"enabled\":true}")));
        assertTrue(enabled.getBoolean("enabled"));
        assertTrue(absent(enabled, "disabledNotice"), enabled.toString());
    }

    @Test
    void accountTokensSeeOnlyTheirOwnEndpointsAndBadInputIsRefused() {
        long mine = admin.createAccount();
        long theirs = admin.createAccount();
        ApiClient myToken = ApiClient.withToken(relay, admin.issueToken(mine));
        JsonObject own = ApiClient.object(expect(201, myToken.post("/api/v1/accounts/" + mine + "/webhooks",
                "{\"url\":\"" + receiver.url("/mine") + "\"}")));
        JsonObject other = create(theirs, receiver.url("/theirs"), "[]");

        assertEquals(List.of(own.getJsonNumber("id").longValue()), myToken.array("/api/v1/accounts/" + mine
                + "/webhooks").stream().map(v -> ((JsonObject) v).getJsonNumber("id").longValue()).toList());
        expectError(404, myToken.get("/api/v1/accounts/" + theirs + "/webhooks"));
        expectError(404, myToken.get(path(theirs, other)));
        expectError(404, myToken.get("/api/v1/accounts/" + mine + "/webhooks/" + other.getJsonNumber("id")));
        expectError(404, myToken.post(path(theirs, other) + "/test", ""));
        expectError(404, myToken.delete(path(theirs, other)));

        Map<String, String> refused = Map.of(
                "{\"url\":\"ftp://hooks.example.com/in\"}", "only http and https",
                "{\"url\":\"https://user:pw@hooks.example.com/in\"}", "user name or password",
                "{\"url\":\"" + receiver.url("/x") + "\",\"eventTypes\":[\"sent\"]}", "unknown event type 'sent'",
                "{}", "a url is required");
        refused.forEach((body, reason) -> {
            JsonObject error = expectError(400, myToken.post("/api/v1/accounts/" + mine + "/webhooks", body));
            assertTrue(error.getString("error").contains(reason), body + " -> " + error);
        });

        expect(204, myToken.delete(path(mine, own)));
        expectError(404, myToken.get(path(mine, own)));
    }

    private static JsonObject create(long account, String url, String eventTypes) {
        JsonObject created = ApiClient.object(expect(201, admin.post("/api/v1/accounts/" + account + "/webhooks",
                "{\"url\":\"" + url + "\",\"eventTypes\":" + eventTypes + "}")));
        assertTrue(created.getString("secret").startsWith("whsec_"), created.toString());
        return created;
    }

    private static String path(long account, JsonObject endpoint) {
        return "/api/v1/accounts/" + account + "/webhooks/" + endpoint.getJsonNumber("id").longValue();
    }

    /** The API leaves out what is null. */
    private static boolean absent(JsonObject json, String key) {
        return !json.containsKey(key) || json.isNull(key);
    }

    /** The event types answered 2xx, in the order they were. */
    private static List<String> succeededTypes(List<WebhookReceiver.Request> requests) {
        return requests.stream().filter(WebhookReceiver.Request::succeeded).map(r -> r.json().getString("type"))
                .collect(Collectors.toList());
    }
}
