package org.smtpeter.messagelog.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.stream.JsonParsingException;
import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smtpeter.testing.Mails;
import org.smtpeter.testing.Relay;
import org.smtpeter.testing.RelayExtension;
import org.smtpeter.testing.TestCredential;

/** The messages API: finding accepted mail by id or sender, and downloading its source. */
@ExtendWith(RelayExtension.class)
class MessagesResourceIT {

    private Relay relay;

    @BeforeEach
    void relay(Relay relay) {
        this.relay = relay;
    }

    @Test
    void unknownIdIs404WithJsonError() {
        String unknown = "NoSuchMessage" + UUID.randomUUID().toString().replace("-", "").substring(0, 7);
        for (String path : List.of("/api/v1/messages/" + unknown, "/api/v1/messages/" + unknown + "/raw")) {
            HttpResponse<String> response = authorizedGet(path);
            assertEquals(404, response.statusCode(), path + " -> " + response.body());
            JsonObject error = assertError(response, 404);
            assertTrue(error.getString("error").contains(unknown), error.toString());
        }
    }

    @Test
    void rawEndpointServesTheExactSourceAsMessageRfc822() throws Exception {
        TestCredential credential = relay.newCredential();
        String sender = Mails.uniqueSender();
        Session session = relay.startTlsSession(credential);
        byte[] raw = Mails.simple(sender, "raw@example.net", "raw download");

        String id = send(session, credential, sender, List.of(raw)).get(0);

        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(
                authorized(relay.uri("/api/v1/messages/" + id + "/raw")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        String type = response.headers().firstValue("Content-Type").orElse("");
        assertTrue(type.startsWith("message/rfc822"), "Content-Type: " + type);
        assertArrayEquals(wireBytes(session, raw), response.body());
        assertArrayEquals(response.body(), relay.rawMessage(id));
        assertEquals(response.body().length, relay.message(id).getJsonNumber("size").longValue());
    }

    @Test
    void listFilteredBySenderHasExactlyThatSendersMessagesNewestFirst() throws Exception {
        TestCredential credential = relay.newCredential();
        String tag = UUID.randomUUID().toString();
        // '+' and '=' must survive query encoding; the other sender shares a prefix and a suffix.
        String sender = "list+" + tag + "=x@it.example.org";
        String similar = "list+" + tag + "=x@it.example.org.other";
        Session session = relay.startTlsSession(credential);
        Instant before = Instant.now().minusSeconds(5);

        List<String> ids = new ArrayList<>();
        ids.addAll(send(session, credential, sender, List.of(Mails.simple(sender, "l1@example.net", "first"))));
        List<String> others = send(session, credential, similar, List.of(Mails.simple(similar, "l@example.net", "other")));
        ids.addAll(send(session, credential, sender, List.of(
                Mails.simple(sender, "l2@example.net", "second"),
                Mails.simple(sender, "l3@example.net", "third"))));
        others = new ArrayList<>(others);
        others.addAll(send(session, credential, similar, List.of(Mails.simple(similar, "l@example.net", "other 2"))));

        JsonArray listed = relay.messagesFrom(sender);

        List<String> newestFirst = List.of(ids.get(2), ids.get(1), ids.get(0));
        assertEquals(newestFirst, idsOf(listed), "exactly the sender's messages, newest first");
        Instant previous = Instant.MAX;
        for (JsonObject message : listed.getValuesAs(JsonObject.class)) {
            assertEquals(sender, message.getString("sender"));
            assertEquals(credential.username(), message.getString("credential"));
            Instant received = Instant.parse(message.getString("receivedAt"));
            assertFalse(received.isBefore(before), message.toString());
            assertFalse(received.isAfter(previous), "not newest first: " + listed);
            previous = received;
        }
        assertEquals(List.of("l3@example.net"), listed.getJsonObject(0).getJsonArray("recipients")
                .getValuesAs(JsonObject.class).stream().map(r -> r.getString("address")).toList());
        assertEquals(List.of(others.get(1), others.get(0)), idsOf(relay.messagesFrom(similar)));

        // Paging works on the filtered list.
        String query = "/api/v1/messages?sender=" + URLEncoder.encode(sender, StandardCharsets.UTF_8);
        assertEquals(newestFirst.subList(0, 2), idsOf(array(relay.get(query + "&limit=2", 200))));
        assertEquals(newestFirst.subList(2, 3), idsOf(array(relay.get(query + "&offset=2&limit=2", 200))));
        assertEquals(List.of(), idsOf(array(relay.get(query + "&offset=3", 200))));
        HttpResponse<String> tooMany = authorizedGet(query + "&limit=501");
        assertEquals(400, tooMany.statusCode(), tooMany.body());
        assertError(tooMany, 400);
        // A sender nobody used: an empty list, not an error.
        assertEquals(0, relay.messagesFrom("nobody-" + tag + "@it.example.org").size());
    }

    @Test
    void withoutTokenTheMessagesApiIs401() throws Exception {
        TestCredential credential = relay.newCredential();
        String sender = Mails.uniqueSender();
        String id = send(relay.startTlsSession(credential), credential, sender,
                List.of(Mails.simple(sender, "secret@example.net", "private"))).get(0);

        for (String path : List.of("/api/v1/messages", "/api/v1/messages?sender=" + URLEncoder.encode(sender,
                StandardCharsets.UTF_8), "/api/v1/messages/" + id, "/api/v1/messages/" + id + "/raw")) {
            for (HttpRequest.Builder request : List.of(
                    HttpRequest.newBuilder(relay.uri(path)).GET(),
                    HttpRequest.newBuilder(relay.uri(path)).header("Authorization", "Bearer wrong").GET())) {
                HttpResponse<String> response = relay.request(request);
                assertEquals(401, response.statusCode(), path + " -> " + response.body());
                assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"),
                        path + " " + response.headers());
                assertError(response, 401);
                assertFalse(response.body().contains("secret@example.net"), response.body());
                assertFalse(response.body().contains("Hallo"), response.body());
            }
        }
        // With the token the same message is there.
        assertEquals(sender, relay.message(id).getString("sender"));
    }

    // ------------------------------------------------------------------------------------------

    /** Sends each raw message in one authenticated connection; returns the queued ids in order. */
    private static List<String> send(Session session, TestCredential credential, String sender, List<byte[]> raws)
            throws Exception {
        session.getProperties().put("mail.smtp.from", sender);
        List<String> ids = new ArrayList<>();
        try (SMTPTransport transport = (SMTPTransport) session.getTransport()) {
            transport.connect(credential.username(), credential.password());
            for (byte[] raw : raws) {
                MimeMessage message = Mails.parse(session, raw);
                transport.sendMessage(message, message.getRecipients(jakarta.mail.Message.RecipientType.TO));
                ids.add(Mails.queuedId(transport.getLastServerResponse()));
            }
        }
        return ids;
    }

    private static byte[] wireBytes(Session session, byte[] raw) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        Mails.parse(session, raw).writeTo(out);
        return out.toByteArray();
    }

    private HttpRequest.Builder authorized(java.net.URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + relay.adminToken()).GET();
    }

    private HttpResponse<String> authorizedGet(String path) {
        return relay.request(authorized(relay.uri(path)));
    }

    private static List<String> idsOf(JsonArray messages) {
        return messages.getValuesAs(JsonObject.class).stream().map(m -> m.getString("id")).toList();
    }

    private static JsonArray array(HttpResponse<String> response) {
        JsonStructure json = parse(response.body());
        assertTrue(json instanceof JsonArray, response.body());
        return (JsonArray) json;
    }

    private static JsonObject assertError(HttpResponse<String> response, int status) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        assertTrue(type.startsWith("application/json"), "Content-Type: " + type + " body: " + response.body());
        JsonStructure json = parse(response.body());
        assertTrue(json instanceof JsonObject, response.body());
        JsonObject error = (JsonObject) json;
        assertEquals(status, error.getInt("status"), response.body());
        assertFalse(error.getString("error").isBlank(), response.body());
        return error;
    }

    private static JsonStructure parse(String body) {
        try {
            return Json.createReader(new StringReader(body)).read();
        } catch (JsonParsingException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
