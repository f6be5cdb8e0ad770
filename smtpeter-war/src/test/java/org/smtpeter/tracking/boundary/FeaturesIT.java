package org.smtpeter.tracking.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smtpeter.testing.RawSmtpClient.expect;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smtpeter.testing.Mails;
import org.smtpeter.testing.RawSmtpClient;
import org.smtpeter.testing.Relay;
import org.smtpeter.testing.RelayExtension;
import org.smtpeter.testing.SmtpSink;
import org.smtpeter.testing.TestCredential;

/** The SMTPeter features end to end: SMTP in with header toggles, the sink's copy, the tracking links. */
@ExtendWith(RelayExtension.class)
class FeaturesIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SHOP_URL = "https://shop.example.com/sale?utm=mail&x=%C3%A9#top";
    private static final Pattern TRACKED = Pattern.compile("href=\"(http://127\\.0\\.0\\.1:\\d+/t/c/[A-Za-z0-9_-]+)\"");
    private static final Pattern PIXEL = Pattern.compile("src=\"(http://127\\.0\\.0\\.1:\\d+/t/o/[A-Za-z0-9_-]+)\"");

    private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void newsletterWithEveryFeatureArrivesInlinedTrackedAndWithAPixel(Relay relay) throws Exception {
        String sender = Mails.uniqueSender();
        String recipient = unique("reader");
        String id = relay.submit(sender, newsletter(sender, recipient, "x-smtpeter-inlinecss: true\r\n"
                + "X-SMTPeter-Tags: spring, newsletter\r\n"), recipient);

        String arrived = relay.sink().awaitFor(recipient, WAIT).text();

        assertFalse(arrived.toLowerCase(Locale.ROOT).contains("x-smtpeter"), arrived);
        assertTrue(arrived.contains("<h1 style=\"color: #c00; font-size: 24px;\">Spring sale</h1>"), "CSS inlined: " + arrived);
        assertTrue(arrived.contains("<style> a:hover { color: red }</style>"), ":hover stays in <style>: " + arrived);
        assertTrue(arrived.contains(">www.example.com</a>") && arrived.contains("href=\"https://www.example.com\""),
                "preventscam leaves a link alone whose text is a URL: " + arrived);
        List<String> tracked = all(TRACKED, arrived);
        assertEquals(2, tracked.size(), "both shop links tracked, separately: " + arrived);
        assertFalse(tracked.get(0).equals(tracked.get(1)), "the same URL twice gives two links");
        assertEquals(1, all(PIXEL, arrived).size(), "one pixel, since there is no remote image: " + arrived);
        assertTrue(arrived.contains("Content-Type: text/plain; charset=UTF-8\r\n\r\nSpring sale at " + SHOP_URL),
                "the text part is untouched: " + arrived);

        HttpResponse<String> click = browser.send(HttpRequest.newBuilder(URI.create(tracked.get(1)))
                .header("User-Agent", "Mozilla/5.0 (Windows NT 10.0) Firefox/133.0").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(302, click.statusCode());
        assertEquals(SHOP_URL, click.headers().firstValue("Location").orElseThrow());

        HttpResponse<byte[]> open = browser.send(HttpRequest.newBuilder(URI.create(all(PIXEL, arrived).get(0)))
                .header("User-Agent", "Mozilla/5.0 (via ggpht.com GoogleImageProxy)").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, open.statusCode());
        assertEquals("image/gif", open.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(open.headers().firstValue("Cache-Control").orElseThrow().contains("no-store"));

        JsonObject clickEvent = single(relay, "/api/v1/clicks?message=" + id);
        assertEquals(recipient, clickEvent.getString("recipient"));
        assertEquals(SHOP_URL, clickEvent.getString("url"));
        assertEquals(2, clickEvent.getInt("position"));
        assertFalse(clickEvent.getBoolean("machine"));
        assertTrue(single(relay, "/api/v1/opens?message=" + id).getBoolean("machine"), "Gmail's proxy is a machine");

        JsonObject message = relay.message(id);
        assertEquals("preventscam;inlinecss;trackbounces;trackopens;trackclicks", message.getString("features"));
        assertEquals(List.of("spring", "newsletter"), message.getJsonArray("tags").getValuesAs(
                jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList());
    }

    @Test
    void aTamperedOrUnknownTokenIsNotFoundAndNeverRedirects(Relay relay) throws Exception {
        String sender = Mails.uniqueSender();
        String recipient = unique("careful");
        relay.submit(sender, newsletter(sender, recipient, ""), recipient);
        String link = all(TRACKED, relay.sink().awaitFor(recipient, WAIT).text()).get(0);
        char last = link.charAt(link.length() - 2);
        String tampered = link.substring(0, link.length() - 2) + (last == 'A' ? 'B' : 'A') + link.charAt(link.length() - 1);

        for (String url : List.of(tampered, link.substring(0, link.lastIndexOf('/') + 1) + "nonsense",
                link.replace("/t/c/", "/t/o/"))) {
            HttpResponse<String> response = browser.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, response.statusCode(), url);
            assertTrue(response.headers().firstValue("Location").isEmpty(), url);
        }
    }

    @Test
    void eachRecipientsCopyCarriesItsOwnLinks(Relay relay) throws Exception {
        String sender = Mails.uniqueSender();
        String first = unique("first");
        String second = unique("second");
        String id = relay.submit(sender, newsletter(sender, first, ""), first, second);

        for (String recipient : List.of(first, second)) {
            String link = all(TRACKED, relay.sink().awaitFor(recipient, WAIT).text()).get(0);
            assertEquals(302, browser.send(HttpRequest.newBuilder(URI.create(link)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
        }

        JsonArray clicks = array(relay, "/api/v1/clicks?message=" + id);
        assertEquals(2, clicks.size());
        assertEquals(List.of(first, second).stream().sorted().toList(), clicks.stream()
                .map(v -> v.asJsonObject().getString("recipient")).sorted().toList());
    }

    @Test
    void withEveryFeatureSwitchedOffTheBodyArrivesByteForByte(Relay relay) throws Exception {
        String sender = Mails.uniqueSender();
        String recipient = unique("plain");
        byte[] raw = newsletter(sender, recipient, "X-SMTPeter-InlineCss: false\r\nx-smtpeter-trackclicks: FALSE\r\n"
                + "x-smtpeter-openstracking:  false \r\nx-smtpeter-bouncetracking: false\r\n");
        String id = relay.submit(sender, raw, recipient);

        SmtpSink.Received arrived = relay.sink().awaitFor(recipient, WAIT);

        assertArrayEquals(body(raw), body(arrived.data()));
        assertEquals("preventscam", relay.message(id).getString("features"));
    }

    /** A multipart/alternative newsletter with a style block, a link twice, a URL-labelled link, no image. */
    static byte[] newsletter(String from, String to, String extraHeaders) {
        String html = "<!DOCTYPE html><html><head><style>h1 { color: #c00; font-size: 24px } a:hover { color: red }</style>"
                + "</head><body><h1>Spring sale</h1>"
                + "<p><a href=\"" + SHOP_URL.replace("&", "&amp;") + "\">Shop now</a></p>"
                + "<p>Visit <a href=\"https://www.example.com\">www.example.com</a></p>"
                + "<p><a href=\"" + SHOP_URL.replace("&", "&amp;") + "\">Shop again</a> or <a href=\"mailto:help@example.com\">mail us</a></p>"
                + "</body></html>";
        return ("From: <" + from + ">\r\nTo: <" + to + ">\r\nSubject: Spring sale\r\n" + extraHeaders
                + "MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"b1\"\r\n\r\n"
                + "--b1\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nSpring sale at " + SHOP_URL + "\r\n"
                + "--b1\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n" + html + "\r\n--b1--\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> all(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static JsonObject single(Relay relay, String path) {
        JsonArray array = array(relay, path);
        assertEquals(1, array.size(), path + " -> " + array);
        return array.getJsonObject(0);
    }

    private static JsonArray array(Relay relay, String path) {
        return Json.createReader(new StringReader(relay.get(path, 200).body())).readArray();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@news.example";
    }

    private static byte[] body(byte[] message) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        return Arrays.copyOfRange(message, text.indexOf("\r\n\r\n") + 4, message.length);
    }
}
