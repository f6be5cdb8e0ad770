package org.smtpeter.health.control;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** Asks a relay's health endpoints, as an orchestrator would: status code and JSON. */
final class Health {

    /** One answer of /health/live or /health/ready, and how long it took. */
    record Answer(int status, JsonObject body, Duration took) {

        String overall() {
            return body.getString("status");
        }

        JsonObject check(String name) {
            Map<String, JsonObject> checks = body.getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                    .collect(Collectors.toMap(check -> check.getString("name"), check -> check));
            JsonObject check = checks.get(name);
            if (check == null) {
                throw new AssertionError("no check " + name + " in " + body);
            }
            return check;
        }

        @Override
        public String toString() {
            return status + " in " + took.toMillis() + " ms: " + body;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int httpPort;

    Health(int httpPort) {
        this.httpPort = httpPort;
    }

    Answer live() {
        return ask("/health/live");
    }

    Answer ready() {
        return ask("/health/ready");
    }

    /** Asks until the answer satisfies the condition; fails after {@code timeout}. */
    Answer await(String path, Predicate<Answer> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Answer answer;
        do {
            answer = ask(path);
            if (condition.test(answer)) {
                return answer;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(path + " did not turn as expected within " + timeout + "; last answer " + answer);
    }

    Answer ask(String path) {
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            return new Answer(response.statusCode(), Json.createReader(new StringReader(response.body())).readObject(), took);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
