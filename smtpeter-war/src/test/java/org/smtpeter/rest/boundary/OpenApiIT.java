package org.smtpeter.rest.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smtpeter.testing.Relay;
import org.smtpeter.testing.RelayExtension;

/** The OpenAPI document MicroProfile OpenAPI serves describes the REST API, without a token. */
@ExtendWith(RelayExtension.class)
class OpenApiIT {

    @Test
    void theDocumentListsTheApi(Relay relay) {
        HttpResponse<String> response = relay.request(HttpRequest.newBuilder(relay.uri("/openapi"))
                .header("Accept", "application/json").GET());

        assertEquals(200, response.statusCode(), response.body());
        JsonObject document = Json.createReader(new StringReader(response.body())).readObject();
        JsonObject paths = document.getJsonObject("paths");
        for (String path : new String[] {"/api/v1/messages", "/api/v1/messages/{id}/events", "/api/v1/statistics",
                "/api/v1/accounts/{account}/credentials/{id}", "/api/v1/accounts/{account}/tokens",
                "/api/v1/accounts/{account}/audit-log", "/api/v1/audit-log"}) {
            assertTrue(paths.containsKey(path), path + " in " + paths.keySet());
        }
        assertTrue(paths.getJsonObject("/api/v1/accounts/{account}/credentials/{id}").containsKey("patch"));
        assertTrue(paths.getJsonObject("/api/v1/messages").containsKey("post"), "sending over HTTP is documented");
        assertEquals("SMTPeter relay API", document.getJsonObject("info").getString("title"));
    }
}
