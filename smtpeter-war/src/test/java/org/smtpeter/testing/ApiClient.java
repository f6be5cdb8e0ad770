package org.smtpeter.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;

/** The REST API with one bearer token (the admin's or an account's), for tests that switch between callers. */
public final class ApiClient {

    private final Relay relay;
    private final String token;

    private ApiClient(Relay relay, String token) {
        this.relay = relay;
        this.token = token;
    }

    public static ApiClient admin(Relay relay) {
        return new ApiClient(relay, relay.adminToken());
    }

    public static ApiClient withToken(Relay relay, String token) {
        return new ApiClient(relay, token);
    }

    /** Without any Authorization header. */
    public static ApiClient anonymous(Relay relay) {
        return new ApiClient(relay, null);
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(relay.uri(path)).GET());
    }

    public HttpResponse<String> post(String path, String json) {
        return send(HttpRequest.newBuilder(relay.uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** POST of any body, with extra headers given as name, value, name, value... */
    public HttpResponse<String> post(String path, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(relay.uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    public HttpResponse<String> patch(String path, String json) {
        return send(HttpRequest.newBuilder(relay.uri(path)).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> put(String path, String json) {
        return send(HttpRequest.newBuilder(relay.uri(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> delete(String path) {
        return send(HttpRequest.newBuilder(relay.uri(path)).DELETE());
    }

    /** GET that must answer 200 with a JSON object. */
    public JsonObject object(String path) {
        return object(expect(200, get(path)));
    }

    /** GET that must answer 200 with a JSON array. */
    public JsonArray array(String path) {
        return array(expect(200, get(path)));
    }

    // --- set-up as an operator does it -----------------------------------------------------------

    /** A new account (admin only); returns its id. */
    public long createAccount() {
        return object(expect(201, post("/api/v1/accounts", "{\"name\":\"it-" + UUID.randomUUID() + "\"}")))
                .getJsonNumber("id").longValue();
    }

    public TestCredential createCredential(long account) {
        JsonObject created = object(expect(201, post("/api/v1/accounts/" + account + "/credentials",
                "{\"description\":\"integration test\"}")));
        return new TestCredential(account, created.getString("username"), created.getString("password"));
    }

    /** The API path of the account's first credential, as a test that manages it needs. */
    public String firstCredentialPath(long account) {
        long id = array("/api/v1/accounts/" + account + "/credentials").getJsonObject(0).getJsonNumber("id").longValue();
        return "/api/v1/accounts/" + account + "/credentials/" + id;
    }

    /** Issues an API token for the account (admin only) and returns the secret. */
    public String issueToken(long account) {
        return object(expect(201, post("/api/v1/accounts/" + account + "/tokens", "{\"description\":\"it\"}")))
                .getString("token");
    }

    // --- assertions ----------------------------------------------------------------------------------

    public static HttpResponse<String> expect(int status, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(),
                response.request().method() + " " + response.request().uri() + " -> " + response.body());
        return response;
    }

    /** Every API error is {@code {"status": n, "error": "..."}} as JSON, without exception names. */
    public static JsonObject expectError(int status, HttpResponse<String> response) {
        expect(status, response);
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                "JSON error expected: " + response.headers());
        JsonObject error = object(response);
        assertEquals(status, error.getInt("status"), response.body());
        assertFalse(error.getString("error").isBlank(), response.body());
        assertFalse(response.body().contains("Exception"), response.body());
        return error;
    }

    public static JsonObject object(HttpResponse<String> response) {
        JsonStructure json = Json.createReader(new StringReader(response.body())).read();
        assertTrue(json instanceof JsonObject, response.body());
        return (JsonObject) json;
    }

    public static JsonArray array(HttpResponse<String> response) {
        JsonStructure json = Json.createReader(new StringReader(response.body())).read();
        assertTrue(json instanceof JsonArray, response.body());
        return (JsonArray) json;
    }

    /** Polls until the condition holds (delivery and tracking happen in the background). */
    public static <T> T await(Supplier<T> probe, Predicate<T> done, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T value = probe.get();
        while (!done.test(value)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; last: " + value);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            value = probe.get();
        }
        return value;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return relay.request(request);
    }
}
