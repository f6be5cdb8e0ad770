package org.smtpeter.statistics.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smtpeter.testing.ApiClient.await;
import static org.smtpeter.testing.ApiClient.expectError;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smtpeter.testing.ApiClient;
import org.smtpeter.testing.HtmlMails;
import org.smtpeter.testing.Mails;
import org.smtpeter.testing.Relay;
import org.smtpeter.testing.RelayExtension;
import org.smtpeter.testing.TestCredential;

/**
 * Statistics for a fresh account with a known set of messages, so every number is exact:
 * credential one sends 4 messages (2 plain, 1 retried once, 1 refused) and credential two 1
 * tracked message that is opened by a person and by a proxy and clicked once.
 */
@ExtendWith(RelayExtension.class)
class StatisticsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<String> COUNTS = List.of("accepted", "delivered", "deferred", "hardBounces",
            "softBounces", "humanOpens", "machineOpens", "clicks");

    private static ApiClient admin;
    private static long account;
    private static long first;
    private static long second;
    private static Instant start;

    @BeforeAll
    static void knownMail(Relay relay) throws Exception {
        start = Instant.now();
        admin = ApiClient.admin(relay);
        account = admin.createAccount();
        TestCredential one = admin.createCredential(account);
        TestCredential two = admin.createCredential(account);
        List<JsonObject> credentials = admin.array("/api/v1/accounts/" + account + "/credentials")
                .getValuesAs(JsonObject.class);
        first = credentials.get(0).getJsonNumber("id").longValue();
        second = credentials.get(1).getJsonNumber("id").longValue();

        String sender = Mails.uniqueSender();
        for (String recipient : List.of(unique("plain"), unique("plain"), unique("tempfail-once"), unique("reject"))) {
            relay.submit(one, sender, Mails.simple(sender, recipient, "counted"), recipient);
        }
        String reader = unique("reader");
        relay.submit(two, sender, HtmlMails.withLink(sender, reader, "tracked"), reader);
        String arrived = relay.sink().awaitFor(reader, WAIT).text();
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        fetch(browser, HtmlMails.pixel(arrived), "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0");
        fetch(browser, HtmlMails.pixel(arrived), "Mozilla/5.0 (via ggpht.com GoogleImageProxy)");
        fetch(browser, HtmlMails.trackedLink(arrived), "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0");

        await(() -> totals("granularity=hour"), t -> t.get("delivered") == 4 && t.get("hardBounces") == 1
                && t.get("clicks") == 1 && t.get("humanOpens") + t.get("machineOpens") == 2, WAIT, "all counted");
    }

    @Test
    void hourlyTotalsAreExact() {
        assertEquals(Map.of("accepted", 5L, "delivered", 4L, "deferred", 1L, "hardBounces", 1L, "softBounces", 0L,
                "humanOpens", 1L, "machineOpens", 1L, "clicks", 1L), totals("granularity=hour"),
                "the failure notice for the refused mail is the relay's, not counted as accepted or delivered");
    }

    @Test
    void dailyTotalsAreTheSame() {
        assertEquals(totals("granularity=hour"), totals("granularity=day"));
    }

    @Test
    void perCredential() {
        assertEquals(Map.of("accepted", 4L, "delivered", 3L, "deferred", 1L, "hardBounces", 1L, "softBounces", 0L,
                "humanOpens", 0L, "machineOpens", 0L, "clicks", 0L), totals("granularity=hour&credential=" + first));
        assertEquals(Map.of("accepted", 1L, "delivered", 1L, "deferred", 0L, "hardBounces", 0L, "softBounces", 0L,
                "humanOpens", 1L, "machineOpens", 1L, "clicks", 1L), totals("granularity=hour&credential=" + second));
    }

    @Test
    void everyBucketOfTheRangeIsThereEmptyOrNot() {
        Instant from = start.truncatedTo(ChronoUnit.HOURS).minus(5, ChronoUnit.HOURS);
        Instant to = start.truncatedTo(ChronoUnit.HOURS).plus(3, ChronoUnit.HOURS);
        JsonObject series = admin.object("/api/v1/statistics?granularity=hour&account=" + account
                + "&from=" + from.plusSeconds(90) + "&to=" + to);

        List<JsonObject> buckets = series.getJsonArray("buckets").getValuesAs(JsonObject.class);
        assertEquals(8, buckets.size(), series.toString());
        assertEquals(from, Instant.parse(series.getString("from")), "from is rounded down to its bucket");
        for (int i = 0; i < buckets.size(); i++) {
            assertEquals(from.plus(i, ChronoUnit.HOURS), Instant.parse(buckets.get(i).getString("bucket")));
        }
        assertEquals(0, buckets.get(0).getInt("accepted") + buckets.get(1).getInt("accepted"), "empty buckets");
        assertEquals(5, buckets.stream().mapToInt(b -> b.getInt("accepted")).sum());

        JsonObject days = admin.object("/api/v1/statistics?granularity=day&account=" + account
                + "&from=2026-01-01T00:00:00Z&to=2026-01-08T00:00:00Z");
        assertEquals(7, days.getJsonArray("buckets").size());
        assertEquals("2026-01-02T00:00:00Z", days.getJsonArray("buckets").getJsonObject(1).getString("bucket"));
    }

    @Test
    void badParametersAre400() {
        expectError(400, admin.get("/api/v1/statistics?granularity=week"));
        expectError(400, admin.get("/api/v1/statistics?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z"));
        expectError(400, admin.get("/api/v1/statistics?granularity=hour&from=2000-01-01T00:00:00Z"
                + "&to=2026-01-01T00:00:00Z"));
        expectError(400, admin.get("/api/v1/statistics?from=noon"));
        expectError(404, admin.get("/api/v1/statistics?credential=987654321"));
    }

    private static Map<String, Long> totals(String query) {
        Instant to = Instant.now().plus(2, ChronoUnit.HOURS);
        JsonObject series = admin.object("/api/v1/statistics?account=" + account + "&from="
                + start.minus(1, ChronoUnit.HOURS) + "&to=" + to + "&" + query);
        List<JsonObject> buckets = series.getJsonArray("buckets").getValuesAs(JsonObject.class);
        assertTrue(!buckets.isEmpty(), series.toString());
        return COUNTS.stream().collect(Collectors.toMap(name -> name,
                name -> buckets.stream().mapToLong(b -> b.getJsonNumber(name).longValue()).sum()));
    }

    private static void fetch(HttpClient browser, String url, String userAgent) throws Exception {
        HttpResponse<Void> response = browser.send(HttpRequest.newBuilder(URI.create(url))
                .header("User-Agent", userAgent).build(), HttpResponse.BodyHandlers.discarding());
        assertTrue(response.statusCode() == 200 || response.statusCode() == 302, url + " -> " + response.statusCode());
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID() + "@example.net";
    }
}
