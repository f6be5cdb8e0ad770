package org.smtpeter.webhooks.boundary;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook endpoint as an application runs one: it takes POSTs under any path and logs each
 * with its headers and the status it answered. Under {@code /flaky/} it answers 500 to the first
 * try of every other event (the first, the third, ...) and 200 to the rest; under {@code /down/}
 * always 500; elsewhere 204.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request as it arrived, and what it was answered. */
    record Request(String path, String id, String timestamp, String signature, String body, int status) {

        JsonObject json() {
            return Json.createReader(new StringReader(body)).readObject();
        }

        boolean succeeded() {
            return status / 100 == 2;
        }

        /** Verifies the signature as a receiver must, with the JDK's HMAC and nothing of the relay's. */
        boolean signedWith(String secret) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())),
                        "HmacSHA256"));
                String expected = "v1," + Base64.getEncoder().encodeToString(
                        mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
                // The header may carry several space-separated signatures (during a key rotation).
                return List.of(signature.split(" ")).contains(expected);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final HttpServer server;
    private final List<Request> log = new CopyOnWriteArrayList<>();
    private final Map<String, List<String>> idsByPath = new ConcurrentHashMap<>();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Every request to the path so far, in the order they arrived. */
    List<Request> requests(String path) {
        return log.stream().filter(request -> request.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String path = exchange.getRequestURI().getPath();
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        int status = status(path, id, exchange.getRequestMethod());
        log.add(new Request(path, id, exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                exchange.getRequestHeaders().getFirst("webhook-signature"), body, status));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private synchronized int status(String path, String id, String method) {
        if (!method.equals("POST") || id == null) {
            return 405;
        }
        if (path.startsWith("/down/")) {
            return 500;
        }
        if (path.startsWith("/flaky/")) {
            List<String> ids = idsByPath.computeIfAbsent(path, p -> new ArrayList<>());
            if (!ids.contains(id)) {
                ids.add(id);
                return ids.size() % 2 == 1 ? 500 : 200;
            }
            return 200;
        }
        return 204;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
