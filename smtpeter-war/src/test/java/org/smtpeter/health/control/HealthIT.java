package org.smtpeter.health.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smtpeter.testing.Relay;
import org.smtpeter.testing.RelayExtension;

/**
 * The health endpoints report the application's own state: whether it has started, its SMTP listeners
 * and its database.
 */
@ExtendWith(RelayExtension.class)
class HealthIT {

    @Test
    void readinessChecksListenersAndDatabase(Relay relay) {
        JsonObject health = health(relay, "/health/ready");

        assertEquals("UP", health.getString("status"), health.toString());
        Map<String, JsonObject> checks = health.getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(check -> check.getString("name"), check -> check));
        assertEquals("UP", checks.get("database").getString("status"));
        JsonObject listeners = checks.get("smtp-listeners");
        assertEquals("UP", listeners.getString("status"));
        assertEquals("listening", listeners.getJsonObject("data").getString("submission:" + relay.submissionPort()));
        assertEquals("listening", listeners.getJsonObject("data").getString("smtps:" + relay.smtpsPort()));
        assertEquals("listening", listeners.getJsonObject("data").getString("mta:" + relay.mtaPort()));
        assertEquals("started", checks.get("application").getJsonObject("data").getString("state"));
    }

    @Test
    void theStartupCheckSaysWhenTheApplicationHasStarted(Relay relay) {
        JsonObject health = health(relay, "/health/started");

        assertEquals("UP", health.getString("status"), health.toString());
        assertEquals(java.util.List.of("application"), health.getJsonArray("checks").stream()
                .map(check -> check.asJsonObject().getString("name")).toList());
    }

    @Test
    void livenessNeedsTheListenersButNotTheDatabase(Relay relay) {
        JsonObject health = health(relay, "/health/live");

        assertEquals("UP", health.getString("status"), health.toString());
        assertEquals(java.util.List.of("smtp-listeners"), health.getJsonArray("checks").stream()
                .map(check -> check.asJsonObject().getString("name")).toList());
    }

    private static JsonObject health(Relay relay, String path) {
        HttpResponse<String> response = relay.request(HttpRequest.newBuilder(relay.uri(path)).GET());
        assertEquals(200, response.statusCode(), response.body());
        return Json.createReader(new StringReader(response.body())).readObject();
    }
}
