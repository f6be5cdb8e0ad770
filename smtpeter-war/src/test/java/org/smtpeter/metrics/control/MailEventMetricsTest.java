package org.smtpeter.metrics.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.smtpeter.events.control.MailEvent;

class MailEventMetricsTest {

    private static MailEvent event(MailEvent.Type type, JsonObject details) {
        return MailEvent.of(type, Instant.parse("2026-11-26T12:00:00Z"), "M1", 1L, "acme", "smtp-abc",
                "rcpt@example.net", details);
    }

    @Test
    void attemptEventsHaveAResultAndOthersNone() {
        JsonObject none = Json.createObjectBuilder().build();
        assertEquals(Optional.of("delivered"), MailEventMetrics.attemptResult(event(MailEvent.Type.DELIVERED, none)));
        assertEquals(Optional.of("deferred"), MailEventMetrics.attemptResult(event(MailEvent.Type.DEFERRED, none)));
        assertEquals(Optional.of("failed"), MailEventMetrics.attemptResult(event(MailEvent.Type.FAILED, none)));
        for (MailEvent.Type other : new MailEvent.Type[] {MailEvent.Type.ACCEPTED, MailEvent.Type.REJECTED,
                MailEvent.Type.BOUNCED, MailEvent.Type.COMPLAINED, MailEvent.Type.OPENED, MailEvent.Type.CLICKED}) {
            assertEquals(Optional.empty(), MailEventMetrics.attemptResult(event(other, none)), other.name());
        }
    }

    @Test
    void theDurationIsTakenOnlyWhenItIsANonNegativeNumber() {
        assertEquals(Optional.of(1234L), MailEventMetrics.durationMillis(event(MailEvent.Type.DELIVERED,
                Json.createObjectBuilder().add("attempt", 1).add("code", 250).add("durationMillis", 1234).build())));
        assertEquals(Optional.empty(), MailEventMetrics.durationMillis(event(MailEvent.Type.DELIVERED,
                Json.createObjectBuilder().add("durationMillis", "soon").build())));
        assertEquals(Optional.empty(), MailEventMetrics.durationMillis(event(MailEvent.Type.DELIVERED,
                Json.createObjectBuilder().add("durationMillis", -1).build())));
        assertEquals(Optional.empty(), MailEventMetrics.durationMillis(event(MailEvent.Type.DEFERRED,
                Json.createObjectBuilder().build())));
    }

    @Test
    void acceptedMailIsTaggedWithItsListener() {
        assertEquals("smtps", MailEventMetrics.listener(event(MailEvent.Type.ACCEPTED,
                Json.createObjectBuilder().add("listener", "smtps").add("size", 10).build())));
        assertEquals("unknown", MailEventMetrics.listener(event(MailEvent.Type.ACCEPTED,
                Json.createObjectBuilder().build())));
    }
}
