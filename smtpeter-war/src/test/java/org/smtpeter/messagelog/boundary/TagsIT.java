package org.smtpeter.messagelog.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smtpeter.testing.ApiClient.await;
import static org.smtpeter.testing.ApiClient.expect;
import static org.smtpeter.testing.ApiClient.expectError;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

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
 * Tags through the API, for a fresh account with known mail: "both" is tagged spring and news,
 * "news" only news, "refused" autumn (the next hop refuses it: a failure and a hard bounce),
 * "tracked" spring (an HTML message whose link is clicked) and "plain" nothing. The tags carry a
 * suffix of this run, so other tests' mail on the shared relay never matches.
 */
@ExtendWith(RelayExtension.class)
class TagsIT {

    private static final Duration WAIT = Duration.ofSeconds(40);

    private static ApiClient admin;
    private static long account;
    private static Instant start;
    private static String spring;
    private static String news;
    private static String autumn;
    private static final Map<String, String> IDS = new LinkedHashMap<>();

    @BeforeAll
    static void taggedMail(Relay relay) throws Exception {
        start = Instant.now();
        String run = UUID.randomUUID().toString().substring(0, 8);
        spring = "spring-" + run;
        news = "news-" + run;
        autumn = "autumn-" + run;
        admin = ApiClient.admin(relay);
        account = admin.createAccount();
        TestCredential credential = admin.createCredential(account);
        String sender = Mails.uniqueSender();

        IDS.put("both", send(relay, credential, sender, unique("plain"), spring + ", " + news));
        IDS.put("news", send(relay, credential, sender, unique("plain"), news));
        IDS.put("refused", send(relay, credential, sender, unique("reject"), autumn));
        IDS.put("plain", relay.submit(credential, sender, Mails.simple(sender, unique("plain"), "untagged"),
                unique("plain")));
        String reader = unique("reader");
        IDS.put("tracked", relay.submit(credential, sender,
                tagged(spring, HtmlMails.withLink(sender, reader, "tracked")), reader));
        String arrived = relay.sink().awaitFor(reader, WAIT).text();
        HttpResponse<Void> click = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(HttpRequest.newBuilder(URI.create(HtmlMails.trackedLink(arrived)))
                        .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0").build(),
                        HttpResponse.BodyHandlers.discarding());
        assertTrue(click.statusCode() == 302 || click.statusCode() == 200, "click: " + click.statusCode());

        await(() -> admin.object(statistics("")), series -> total(series.getJsonArray("buckets"), "delivered") == 4
                && total(series.getJsonArray("buckets"), "hardBounces") == 1
                && total(series.getJsonArray("buckets"), "clicks") == 1, WAIT, "all mail delivered, refused, clicked");
    }

    @Test
    void messagesWithAnyOfTheTags() {
        assertEquals(Set.of(IDS.get("both"), IDS.get("news")), messages("tag=" + news));
        assertEquals(Set.of(IDS.get("both"), IDS.get("news"), IDS.get("refused")),
                messages("tag=" + news + "&tag=" + autumn), "any of the tags, not all");
        assertEquals(messages("tag=" + news + "&tag=" + autumn), messages("tag=" + news + "," + autumn));
        assertEquals(Set.of(IDS.get("both"), IDS.get("tracked")), messages("tag=" + spring));
        assertEquals(Set.of(), messages("tag=" + spring.toUpperCase()), "tags match exactly");
        assertEquals(messages(""), messages("tag="), "an empty tag is no condition");

        HttpResponse<String> page = expect(200, admin.get("/api/v1/messages?account=" + account + "&tag=" + news
                + "&limit=1"));
        assertEquals("2", page.headers().firstValue("X-Total-Count").orElseThrow());
        JsonObject both = admin.object("/api/v1/messages/" + IDS.get("both"));
        assertEquals(List.of(spring, news), strings(both.getJsonArray("tags")), "in the order the sender gave");
    }

    @Test
    void eventLogsFilterByTheirMessagesTags() {
        assertEquals(Set.of(IDS.get("both"), IDS.get("news")), messageIds("/api/v1/deliveries?tag=" + news));
        assertEquals(Set.of(IDS.get("refused")), messageIds("/api/v1/deliveries?state=failed&tag=" + autumn + ","
                + news));
        assertEquals(Set.of(IDS.get("refused")), messageIds("/api/v1/attempts?tag=" + autumn));
        assertEquals(Set.of(IDS.get("refused")), messageIds("/api/v1/bounces?tag=" + autumn));
        assertEquals(Set.of(), messageIds("/api/v1/bounces?tag=" + spring));
        assertEquals(Set.of(IDS.get("tracked")), messageIds("/api/v1/clicks?tag=" + spring));
        assertEquals(Set.of(), messageIds("/api/v1/clicks?tag=" + news));
        assertEquals(Set.of(), messageIds("/api/v1/opens?tag=" + news));
    }

    @Test
    void theTimelineShowsTheTagsOnEveryEvent() {
        JsonArray events = admin.array("/api/v1/messages/" + IDS.get("both") + "/events");
        assertTrue(events.size() >= 3, "accepted, an attempt, delivered: " + events);
        for (JsonObject event : events.getValuesAs(JsonObject.class)) {
            assertEquals(List.of(spring, news), strings(event.getJsonArray("tags")), event.toString());
        }
        JsonArray untagged = admin.array("/api/v1/messages/" + IDS.get("plain") + "/events");
        assertTrue(untagged.getValuesAs(JsonObject.class).stream().allMatch(e -> e.getJsonArray("tags").isEmpty()));
    }

    @Test
    void statisticsOfTheTagsAskedFor() {
        JsonObject series = admin.object(statistics("&tag=" + news + "&tag=" + spring));
        JsonArray buckets = series.getJsonArray("buckets");
        assertEquals(3, total(buckets, "accepted"), "each message once, though 'both' has both tags");
        assertEquals(3, total(buckets, "delivered"));
        assertEquals(1, total(buckets, "clicks"));
        assertEquals(0, total(buckets, "hardBounces"));
        assertEquals(List.of(news, spring), strings(series.getJsonArray("tags")));
        assertTrue(!series.containsKey("byTag") || series.isNull("byTag"), series.toString());
    }

    @Test
    void statisticsPerTag() {
        JsonObject series = admin.object(statistics("&groupBy=tag"));
        assertEquals("tag", series.getString("groupBy"));
        assertEquals(5, total(series.getJsonArray("buckets"), "accepted"), "the totals are of all the mail");
        Map<String, JsonArray> byTag = series.getJsonArray("byTag").getValuesAs(JsonObject.class).stream()
                .collect(Collectors.toMap(t -> t.getString("tag"), t -> t.getJsonArray("buckets")));
        assertEquals(Set.of(spring, news, autumn), byTag.keySet(), "untagged mail has no series");
        assertEquals(List.of(autumn, news, spring), series.getJsonArray("byTag").getValuesAs(JsonObject.class)
                .stream().map(t -> t.getString("tag")).toList(), "in the tags' order");
        assertEquals(Map.of("accepted", 2L, "delivered", 2L, "hardBounces", 0L, "clicks", 1L), counts(byTag.get(spring)));
        assertEquals(Map.of("accepted", 2L, "delivered", 2L, "hardBounces", 0L, "clicks", 0L), counts(byTag.get(news)));
        assertEquals(Map.of("accepted", 1L, "delivered", 0L, "hardBounces", 1L, "clicks", 0L), counts(byTag.get(autumn)));
        int buckets = series.getJsonArray("buckets").size();
        assertTrue(byTag.values().stream().allMatch(b -> b.size() == buckets), "every series has every bucket");

        JsonObject chosen = admin.object(statistics("&groupBy=tag&tag=" + autumn + "&tag=never-" + autumn));
        List<JsonObject> perTag = chosen.getJsonArray("byTag").getValuesAs(JsonObject.class);
        assertEquals(List.of(autumn, "never-" + autumn), perTag.stream().map(t -> t.getString("tag")).toList(),
                "a series for each tag asked for, an empty one too");
        assertEquals(1, total(perTag.get(0).getJsonArray("buckets"), "accepted"));
        assertEquals(0, total(perTag.get(1).getJsonArray("buckets"), "accepted"));
        assertEquals(1, total(chosen.getJsonArray("buckets"), "accepted"));
    }

    @Test
    void badTagParametersAre400() {
        expectError(400, admin.get(statistics("&groupBy=credential")));
        String tooMany = IntStream.rangeClosed(0, 20).mapToObj(i -> "tag=t" + i).collect(Collectors.joining("&"));
        expectError(400, admin.get("/api/v1/messages?" + tooMany));
        expectError(400, admin.get("/api/v1/deliveries?" + tooMany));
        expectError(400, admin.get("/api/v1/clicks?" + tooMany));
        expectError(400, admin.get(statistics("&" + tooMany)));
    }

    private static String send(Relay relay, TestCredential credential, String sender, String recipient, String tags)
            throws Exception {
        return relay.submit(credential, sender, tagged(tags, Mails.simple(sender, recipient, "tagged " + tags)),
                recipient);
    }

    private static byte[] tagged(String tags, byte[] message) {
        byte[] header = ("X-SMTPeter-Tags: " + tags + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[header.length + message.length];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(message, 0, all, header.length, message.length);
        return all;
    }

    private static Set<String> messages(String query) {
        return admin.array("/api/v1/messages?account=" + account + "&" + query).getValuesAs(JsonObject.class).stream()
                .map(m -> m.getString("id")).collect(Collectors.toSet());
    }

    private static Set<String> messageIds(String path) {
        return admin.array(path).getValuesAs(JsonObject.class).stream().map(e -> e.getString("messageId"))
                .collect(Collectors.toSet());
    }

    private static String statistics(String query) {
        return "/api/v1/statistics?account=" + account + "&from=" + start.minus(1, ChronoUnit.HOURS)
                + "&to=" + Instant.now().plus(2, ChronoUnit.HOURS) + query;
    }

    private static long total(JsonArray buckets, String name) {
        return buckets.getValuesAs(JsonObject.class).stream().mapToLong(b -> b.getJsonNumber(name).longValue()).sum();
    }

    private static Map<String, Long> counts(JsonArray buckets) {
        return List.of("accepted", "delivered", "hardBounces", "clicks").stream()
                .collect(Collectors.toMap(name -> name, name -> total(buckets, name)));
    }

    private static List<String> strings(JsonArray array) {
        return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID() + "@example.net";
    }
}
