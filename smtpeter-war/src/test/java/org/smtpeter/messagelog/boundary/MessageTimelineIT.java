package org.smtpeter.messagelog.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smtpeter.testing.ApiClient.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smtpeter.testing.ApiClient;
import org.smtpeter.testing.HtmlMails;
import org.smtpeter.testing.Mails;
import org.smtpeter.testing.Relay;
import org.smtpeter.testing.RelayExtension;
import org.smtpeter.testing.TestCredential;

/** A message's whole life in GET /messages/{id}/events. */
@ExtendWith(RelayExtension.class)
class MessageTimelineIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aDeliveredMessageWithARetryAndAClick(Relay relay) throws Exception {
        ApiClient admin = ApiClient.admin(relay);
        TestCredential credential = relay.newCredential();
        String sender = Mails.uniqueSender();
        String reader = "reader-" + UUID.randomUUID() + "@example.net";
        String slow = "tempfail-once-" + UUID.randomUUID() + "@example.net";
        String id = relay.submit(credential, sender, HtmlMails.withLink(sender, reader, "Timeline"), reader, slow);

        String arrived = relay.sink().awaitFor(reader, WAIT).text();
        HttpResponse<Void> click = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(HttpRequest.newBuilder(URI.create(HtmlMails.trackedLink(arrived)))
                        .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0").build(),
                        HttpResponse.BodyHandlers.discarding());
        assertEquals(302, click.statusCode());
        JsonArray events = await(() -> admin.array("/api/v1/messages/" + id + "/events"),
                list -> types(list).contains("click") && types(list).stream().filter("delivered"::equals).count() == 2,
                WAIT, "both deliveries and the click");

        List<String> types = types(events);
        assertEquals("accepted", types.get(0), types.toString());
        assertEquals(List.of("accepted", "attempt", "attempt", "attempt", "delivered", "delivered", "click"),
                types.stream().sorted(java.util.Comparator.comparing(MessageTimelineIT::rank)).toList(),
                "one attempt for the reader, two for the slow recipient: " + events);
        Instant previous = Instant.MIN;
        for (JsonObject event : events.getValuesAs(JsonObject.class)) {
            Instant time = Instant.parse(event.getString("time"));
            assertFalse(time.isBefore(previous), "sorted by time: " + events);
            previous = time;
            assertFalse(event.getString("summary").isBlank(), event.toString());
        }

        JsonObject accepted = events.getJsonObject(0).getJsonObject("details");
        assertEquals("127.0.0.1", accepted.getString("clientAddress"));
        assertTrue(accepted.getString("tlsProtocol").startsWith("TLSv1."), accepted.toString());
        assertEquals(credential.username(), accepted.getString("credential"));
        assertEquals("preventscam;trackbounces;trackopens;trackclicks", accepted.getString("features"));
        assertEquals("Timeline", accepted.getString("subject"));
        assertEquals(sender, accepted.getString("sender"));
        assertEquals(reader + ", " + slow, accepted.getString("recipients"));

        List<JsonObject> attempts = ofType(events, "attempt");
        JsonObject refusal = attempts.stream().filter(a -> a.getString("recipient").equals(slow)).findFirst().orElseThrow();
        assertEquals("deferred", refusal.getString("outcome"));
        assertEquals("450", refusal.getString("code"));
        assertTrue(attempts.stream().filter(a -> a.getString("outcome").equals("delivered")).allMatch(
                a -> a.getString("code").equals("250") && !a.getString("reply").isBlank()), attempts.toString());
        assertEquals(List.of(reader, slow).stream().sorted().toList(), ofType(events, "delivered").stream()
                .map(d -> d.getString("recipient")).sorted().toList());

        JsonObject clicked = ofType(events, "click").get(0);
        assertEquals(reader, clicked.getString("recipient"));
        assertEquals(HtmlMails.LINK, clicked.getString("url"));
        assertEquals("false", clicked.getString("machine"));
    }

    @Test
    void anUnknownMessageHasNoTimeline(Relay relay) {
        ApiClient.expectError(404, ApiClient.admin(relay).get("/api/v1/messages/no-such-message/events"));
    }

    private static List<String> types(JsonArray events) {
        return events.getValuesAs(JsonObject.class).stream().map(e -> e.getString("type")).toList();
    }

    private static List<JsonObject> ofType(JsonArray events, String type) {
        return events.getValuesAs(JsonObject.class).stream().filter(e -> e.getString("type").equals(type))
                .map(e -> e.getJsonObject("details")).toList();
    }

    private static int rank(String type) {
        return List.of("accepted", "attempt", "delivered", "click").indexOf(type);
    }
}
