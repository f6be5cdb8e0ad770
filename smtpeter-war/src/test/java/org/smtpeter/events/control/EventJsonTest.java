package org.smtpeter.events.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

class EventJsonTest {

    private static JsonObject parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    @Test
    void commonFieldsThenTheTypesOwnDetails() {
        MailEvent event = new MailEvent("e-1", MailEvent.Type.DELIVERED, Instant.parse("2026-11-26T10:15:30.123Z"),
                "m-1", 7L, "acme", "acme-app", "bob@example.net",
                Json.createObjectBuilder().add("code", 250).add("reply", "2.0.0 \"queued\" <ok>").build());

        JsonObject json = parse(EventJson.of(event));

        assertEquals("e-1", json.getString("id"));
        assertEquals("delivered", json.getString("type"));
        assertEquals("2026-11-26T10:15:30.123Z", json.getString("occurredAt"));
        assertEquals("m-1", json.getString("messageId"));
        assertEquals(7, json.getJsonNumber("accountId").longValue());
        assertEquals("acme", json.getString("account"));
        assertEquals("acme-app", json.getString("credential"));
        assertEquals("bob@example.net", json.getString("recipient"));
        assertEquals(250, json.getInt("code"));
        assertEquals("2.0.0 \"queued\" <ok>", json.getString("reply"));
        assertEquals(0, json.getJsonArray("tags").size());
    }

    @Test
    void everyTypeCarriesTheMessagesTags() {
        for (MailEvent.Type type : MailEvent.Type.values()) {
            MailEvent event = MailEvent.of(type, Instant.EPOCH, "m-1", 7L, "acme", "acme-app", "bob@example.net",
                    Json.createObjectBuilder().build(), List.of("spring", "news"));

            JsonObject json = parse(EventJson.of(event));

            assertEquals(List.of("spring", "news"), json.getJsonArray("tags").getValuesAs(
                    jakarta.json.JsonString::getString), type.toString());
        }
    }

    @Test
    void leavesOutWhatTheEventDoesNotKnow() {
        MailEvent event = MailEvent.of(MailEvent.Type.REJECTED, Instant.EPOCH, null, null, null, null, null,
                Json.createObjectBuilder().add("reason", "no such credential").build());

        JsonObject json = parse(EventJson.of(event));

        assertEquals("rejected", json.getString("type"));
        assertEquals("no such credential", json.getString("reason"));
        assertFalse(json.containsKey("messageId"));
        assertFalse(json.containsKey("accountId"));
        assertFalse(json.containsKey("recipient"));
    }
}
