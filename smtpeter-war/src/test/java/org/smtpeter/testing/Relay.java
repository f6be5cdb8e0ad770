package org.smtpeter.testing;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Properties;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.mail.Session;

import org.junit.jupiter.api.extension.ExtensionContext;

/** The relay under test, seen from outside: its ports, its REST API, SMTP client sessions. */
public final class Relay implements ExtensionContext.Store.CloseableResource {

    /** Fast retries and a short lifetime, so that retry and expiry can be watched in a test. */
    public static final java.time.Duration MAX_DELIVERY_TIME = java.time.Duration.ofSeconds(40);

    private final PayaraMicro micro;
    private final SmtpSink sink;
    private final HttpClient http = HttpClient.newHttpClient();

    private Relay(PayaraMicro micro, SmtpSink sink) {
        this.micro = micro;
        this.sink = sink;
    }

    /** The shared relay of the test run: its smart host is a {@link SmtpSink}. */
    static Relay start() {
        try {
            SmtpSink sink = new SmtpSink();
            return start("relay", sink, java.util.Map.of(
                    "smtpeter.delivery.smarthost", "127.0.0.1:" + sink.port(),
                    "smtpeter.delivery.retry-schedule", "PT1S,PT2S,PT4S",
                    "smtpeter.delivery.max-delivery-time", MAX_DELIVERY_TIME.toString(),
                    "smtpeter.delivery.poll-interval-millis", "200"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A relay of its own, for tests that need other settings (stop it when done). */
    public static Relay start(String name, SmtpSink sink, java.util.Map<String, String> settings) {
        try {
            return started(new PayaraMicro(name, settings), sink);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A second relay of the same installation: the database of {@code first}, its own ports, the same sink. */
    public static Relay startSharing(String name, Relay first, java.util.Map<String, String> settings) {
        try {
            return started(new PayaraMicro(name, settings).sharingDatabaseWith(first.micro), first.sink);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A relay of its own on a server prepared by the caller (e.g. its database behind a proxy). */
    public static Relay start(PayaraMicro micro, SmtpSink sink) {
        return started(micro, sink);
    }

    private static Relay started(PayaraMicro micro, SmtpSink sink) {
        try {
            micro.start();
            return new Relay(micro, sink);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A relay of its own that the test prepared and started itself (stop it when done). */
    public static Relay around(PayaraMicro started, SmtpSink sink) {
        return new Relay(started, sink);
    }

    @Override
    public void close() throws InterruptedException, IOException {
        micro.stop();
        if (sink != null) {
            sink.close();
        }
    }

    public SmtpSink sink() {
        return sink;
    }

    public PayaraMicro server() {
        return micro;
    }

    public int submissionPort() {
        return micro.submissionPort();
    }

    public int smtpsPort() {
        return micro.smtpsPort();
    }

    public int mtaPort() {
        return micro.mtaPort();
    }

    public String adminToken() {
        return micro.adminToken();
    }

    /**
     * Submits a message over STARTTLS + AUTH with a fresh credential, dot-stuffing it as a client
     * must, and returns the public id from the 250 reply.
     */
    public String submit(String sender, byte[] raw, String... recipients) throws IOException {
        return submit(newCredential(), sender, raw, recipients);
    }

    public String submit(TestCredential credential, String sender, byte[] raw, String... recipients) throws IOException {
        try (RawSmtpClient client = new RawSmtpClient(submissionPort())) {
            client.login(credential.username(), credential.password());
            client.startData(sender, recipients);
            client.write(Mails.dotStuffed(raw));
            return Mails.queuedId(client.command("."));
        }
    }

    /** A new account with one SMTP credential, through the REST API as an operator would. */
    public TestCredential newCredential() {
        JsonObject account = post("/api/v1/accounts", "{\"name\":\"it-" + UUID.randomUUID() + "\"}");
        JsonObject credential = post("/api/v1/accounts/" + account.getJsonNumber("id").longValue() + "/credentials",
                "{\"description\":\"integration test\"}");
        return new TestCredential(account.getJsonNumber("id").longValue(), credential.getString("username"),
                credential.getString("password"));
    }

    public JsonObject message(String id) {
        return Json.createReader(new StringReader(get("/api/v1/messages/" + id, 200).body())).readObject();
    }

    public byte[] rawMessage(String id) {
        return send(HttpRequest.newBuilder(uri("/api/v1/messages/" + id + "/raw")).GET(),
                HttpResponse.BodyHandlers.ofByteArray(), 200).body();
    }

    /** Messages whose envelope sender is {@code sender}; unique senders keep tests independent. */
    public JsonArray messagesFrom(String sender) {
        String query = "/api/v1/messages?sender=" + java.net.URLEncoder.encode(sender, java.nio.charset.StandardCharsets.UTF_8);
        return Json.createReader(new StringReader(get(query, 200).body())).readArray();
    }

    /** Counts every stored message of {@code sender}, page by page. */
    public int countMessagesFrom(String sender) {
        String encoded = java.net.URLEncoder.encode(sender, java.nio.charset.StandardCharsets.UTF_8);
        int total = 0;
        for (int offset = 0; ; offset += 500) {
            String page = get("/api/v1/messages?limit=500&offset=" + offset + "&sender=" + encoded, 200).body();
            int size = Json.createReader(new StringReader(page)).readArray().size();
            total += size;
            if (size < 500) {
                return total;
            }
        }
    }

    public HttpResponse<String> get(String path, int expectedStatus) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), HttpResponse.BodyHandlers.ofString(), expectedStatus);
    }

    public HttpResponse<String> request(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + micro.httpPort() + path);
    }

    private JsonObject post(String path, String json) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), HttpResponse.BodyHandlers.ofString(), 201);
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler, int expected) {
        try {
            HttpResponse<T> response = http.send(request.header("Authorization", "Bearer " + adminToken()).build(), handler);
            if (response.statusCode() != expected) {
                throw new AssertionError("expected HTTP " + expected + " but got " + response.statusCode() + ": " + response.body());
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A Jakarta Mail session for the submission port with STARTTLS required. */
    public Session startTlsSession(TestCredential credential) {
        Properties props = baseProperties("smtp", submissionPort());
        props.put("mail.smtp.starttls.enable", "true");
        props.put("mail.smtp.starttls.required", "true");
        props.put("mail.smtp.auth", String.valueOf(credential != null));
        return Session.getInstance(props);
    }

    /** A Jakarta Mail session for the implicit-TLS port. */
    public Session implicitTlsSession() {
        Properties props = baseProperties("smtps", smtpsPort());
        props.put("mail.smtps.auth", "true");
        return Session.getInstance(props);
    }

    private static Properties baseProperties(String protocol, int port) {
        Properties props = new Properties();
        props.put("mail.transport.protocol", protocol);
        props.put("mail." + protocol + ".host", "127.0.0.1");
        props.put("mail." + protocol + ".port", String.valueOf(port));
        // The development certificate is self-signed; the test trusts it explicitly.
        props.put("mail." + protocol + ".ssl.trust", "127.0.0.1");
        props.put("mail." + protocol + ".ssl.checkserveridentity", "false");
        props.put("mail." + protocol + ".timeout", "30000");
        props.put("mail." + protocol + ".connectiontimeout", "10000");
        return props;
    }
}
