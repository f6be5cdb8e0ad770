package org.smtpeter.tracking.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.json.Json;
import jakarta.json.JsonArray;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smtpeter.testing.HtmlMails;
import org.smtpeter.testing.Mails;
import org.smtpeter.testing.Relay;
import org.smtpeter.testing.RelayExtension;

/**
 * A flood of fetches of one tracking link or pixel from one client: every fetch is answered as
 * usual, but only the first in the window becomes a click or open (and a mail event); a second
 * client still counts on its own.
 */
@ExtendWith(RelayExtension.class)
class TrackingFloodIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int FLOOD = 500;
    private static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0";

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void aFloodOfOneLinkFromOneClientIsAnsweredEveryTimeAndCountedOnce(Relay relay) throws Exception {
        Sent sent = send(relay, "flood");

        Map<String, Integer> answers = flood(sent.link(), FLOOD);

        assertEquals(Map.of("302 " + HtmlMails.LINK, FLOOD), answers, "every fetch redirected to the shop");
        assertEquals(1, events(relay, "clicks", sent.id()).size(), "one click for the whole flood");
    }

    @Test
    void aFloodOfOnePixelFromOneClientIsAnsweredEveryTimeAndCountedOnce(Relay relay) throws Exception {
        Sent sent = send(relay, "pixel-flood");

        Map<String, Integer> answers = flood(sent.pixel(), FLOOD);

        assertEquals(Map.of("200 image/gif", FLOOD), answers, "every fetch got the image");
        assertEquals(1, events(relay, "opens", sent.id()).size(), "one open for the whole flood");
    }

    @Test
    void twoClientsAreTwoClicks(Relay relay) throws Exception {
        Sent sent = send(relay, "two-clients");

        for (String client : List.of("127.0.0.1", "127.0.0.2", "127.0.0.1", "127.0.0.2")) {
            assertEquals("302", statusFrom(client, URI.create(sent.link())));
        }

        JsonArray clicks = events(relay, "clicks", sent.id());
        assertEquals(2, clicks.size(), clicks.toString());
        assertEquals(List.of("127.0.0.1", "127.0.0.2"), clicks.stream()
                .map(click -> click.asJsonObject().getString("ip")).sorted().toList());
    }

    private record Sent(String id, String link, String pixel) {
    }

    private static Sent send(Relay relay, String prefix) throws IOException, InterruptedException {
        String sender = Mails.uniqueSender();
        String recipient = prefix + "-" + System.nanoTime() + "@news.example";
        String id = relay.submit(sender, HtmlMails.withLink(sender, recipient, "Our offer"), recipient);
        String arrived = relay.sink().awaitFor(recipient, WAIT).text();
        return new Sent(id, HtmlMails.trackedLink(arrived), HtmlMails.pixel(arrived));
    }

    /** Fetches {@code url} {@code times} times over a few parallel connections; answers by status and target. */
    private Map<String, Integer> flood(String url, int times) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> fetches = new ArrayList<>();
            for (int i = 0; i < times; i++) {
                fetches.add(threads.submit(() -> answer(http.send(HttpRequest.newBuilder(URI.create(url))
                        .header("User-Agent", BROWSER).build(), HttpResponse.BodyHandlers.discarding()))));
            }
            Map<String, Integer> answers = new TreeMap<>();
            for (Future<String> fetch : fetches) {
                answers.merge(fetch.get(), 1, Integer::sum);
            }
            return answers;
        } finally {
            threads.shutdown();
        }
    }

    private static String answer(HttpResponse<?> response) {
        return response.statusCode() + " " + response.headers().firstValue("Location")
                .or(() -> response.headers().firstValue("Content-Type")).orElse("");
    }

    /** A GET from another loopback address, which the JDK's HTTP client cannot bind to. */
    private static String statusFrom(String localAddress, URI url) {
        try (Socket socket = new Socket(InetAddress.getByName(url.getHost()), url.getPort(),
                InetAddress.getByName(localAddress), 0)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                    + "\r\nUser-Agent: " + BROWSER + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).lines().findFirst().orElse("");
            return statusLine.split(" ")[1];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonArray events(Relay relay, String kind, String messageId) {
        return Json.createReader(new StringReader(relay.get("/api/v1/" + kind + "?message=" + messageId, 200).body()))
                .readArray();
    }
}
