package org.smtpeter.ear;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

/**
 * The relay's REST API with the admin token, for the EAR test. (The war's ApiClient is bound to
 * its Payara Micro harness.)
 */
final class RelayApi {

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;
    private final String token;

    RelayApi(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /** GET that must answer 200 with a JSON object. */
    JsonObject object(String path) {
        return Json.createReader(new StringReader(expect(200, request(path).GET()).body())).readObject();
    }

    /** GET that must answer 200 with a JSON array. */
    JsonArray array(String path) {
        return Json.createReader(new StringReader(expect(200, request(path).GET()).body())).readArray();
    }

    /** POST of JSON that must answer 201 Created; returns what was created. */
    JsonObject create(String path, String json) {
        HttpRequest.Builder post = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        return Json.createReader(new StringReader(expect(201, post).body())).readObject();
    }

    /** POST without a body that must answer 200 (an action such as retry or cancel); returns the result. */
    JsonObject act(String path) {
        return Json.createReader(new StringReader(expect(200, request(path).POST(HttpRequest.BodyPublishers.noBody()))
                .body())).readObject();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> expect(int status, HttpRequest.Builder request) {
        try {
            HttpRequest built = request.build();
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            assertEquals(status, response.statusCode(), built.method() + " " + built.uri() + " -> " + response.body());
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
