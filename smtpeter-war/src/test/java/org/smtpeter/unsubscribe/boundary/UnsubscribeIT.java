package org.smtpeter.unsubscribe.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smtpeter.testing.ApiClient.expect;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smtpeter.testing.ApiClient;
import org.smtpeter.testing.DkimVerifier;
import org.smtpeter.testing.DkimVerifier.Verdict;
import org.smtpeter.testing.RawSmtpClient;
import org.smtpeter.testing.Relay;
import org.smtpeter.testing.SmtpSink;
import org.smtpeter.testing.TestCredential;
import org.smtpeter.testing.TestDns;

/**
 * One-click unsubscribe (RFC 8058) end to end on Payara Micro: the relay adds each recipient's own
 * signed link and the one-click header, signs them with DKIM, a GET of the link only shows the
 * page, a POST with the RFC 8058 body suppresses the recipient for the account and puts an
 * {@code unsubscribed} event in the timeline and the statistics, mail to the mailto address on the
 * bounce host does the same, a tampered link is 404, and a customer's own {@code List-Unsubscribe}
 * goes out as it came.
 */
class UnsubscribeIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DOMAIN = "unsubscribe.test";
    private static final Pattern LINK = Pattern.compile("List-Unsubscribe: <(http://127\\.0\\.0\\.1:\\d+/u/[A-Za-z0-9_-]+)>");
    private static final Pattern MAILTO = Pattern.compile(",\r\n <mailto:(u-[a-z0-9]{20}@[^?>]+)\\?subject=unsubscribe>\r\n");

    private static TestDns dns;
    private static Relay relay;
    private static ApiClient admin;

    @BeforeAll
    static void startRelay() throws Exception {
        dns = new TestDns();
        SmtpSink sink = new SmtpSink();
        relay = Relay.start("unsubscribe", sink, Map.of(
                "smtpeter.delivery.smarthost", "127.0.0.1:" + sink.port(),
                "smtpeter.delivery.dns-server", dns.address(),
                "smtpeter.delivery.poll-interval-millis", "200"));
        admin = ApiClient.admin(relay);
    }

    @AfterAll
    static void stop() throws Exception {
        relay.close();
        dns.close();
    }

    @Test
    void aGetOnlyShowsThePageAndTheOneClickPostUnsubscribesThatRecipientOnce() throws Exception {
        long account = admin.createAccount();
        JsonObject created = ApiClient.object(expect(201, admin.post("/api/v1/accounts/" + account + "/credentials",
                "{\"description\":\"newsletter\",\"features\":{\"unsubscribe\":true}}")));
        assertTrue(created.getJsonObject("features").getBoolean("unsubscribe"), created.toString());
        TestCredential credential = new TestCredential(account, created.getString("username"), created.getString("password"));
        String ann = "ann-" + UUID.randomUUID() + "@example.net";
        String bob = "bob-" + UUID.randomUUID() + "@example.net";
        String id = relay.submit(credential, "news@" + DOMAIN, message("", ann), ann, bob);

        String toAnn = relay.sink().awaitFor(ann, WAIT).text();
        String toBob = relay.sink().awaitFor(bob, WAIT).text();
        String link = link(toAnn);
        assertNotEquals(link, link(toBob), "each recipient has a link of their own");
        assertTrue(toAnn.contains("\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"), toAnn);
        assertFalse(toAnn.toLowerCase().contains("x-smtpeter-"), toAnn);

        HttpResponse<String> page = relay.request(HttpRequest.newBuilder(URI.create(link)).GET());
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("<form method=\"post\">"), page.body());
        assertEquals(List.of(), suppressed(account), "a GET changes nothing");
        assertEquals(0, unsubscribes(account));

        assertEquals(200, oneClick(link).statusCode());
        assertEquals(List.of(ann.toLowerCase() + " unsubscribed"), suppressed(account));
        JsonObject event = ApiClient.await(() -> timeline(id), events -> events != null, WAIT, "the timeline");
        assertEquals(ann, event.getJsonObject("details").getString("recipient"), event.toString());
        assertEquals("one-click", event.getJsonObject("details").getString("method"));
        assertEquals(1, unsubscribes(account));

        assertEquals(200, oneClick(link).statusCode(), "again: still unsubscribed");
        assertEquals(1, unsubscribes(account), "counted once");
        assertEquals(List.of(ann.toLowerCase() + " unsubscribed"), suppressed(account));
    }

    @Test
    void mailToTheMailtoAddressUnsubscribesToo() throws Exception {
        TestCredential credential = relay.newCredential();
        String ann = "ann-" + UUID.randomUUID() + "@example.net";
        String id = relay.submit(credential, "news@" + DOMAIN, message("X-SMTPeter-Unsubscribe: true\r\n", ann), ann);
        Matcher mailto = MAILTO.matcher(relay.sink().awaitFor(ann, WAIT).text());
        assertTrue(mailto.find(), "a mailto on the bounce host, since bounce tracking is on");

        try (RawSmtpClient mta = new RawSmtpClient(relay.mtaPort())) {
            RawSmtpClient.expect("220", mta.reply());
            RawSmtpClient.expect("250", mta.command("EHLO mx.mailbox.example"));
            RawSmtpClient.expect("250", mta.command("MAIL FROM:<" + ann + ">"));
            RawSmtpClient.expect("250", mta.command("RCPT TO:<" + mailto.group(1) + ">"));
            RawSmtpClient.expect("354", mta.command("DATA"));
            mta.write(("From: <" + ann + ">\r\nTo: <" + mailto.group(1) + ">\r\nSubject: unsubscribe\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            RawSmtpClient.expect("250", mta.command("."));
        }

        assertEquals(List.of(ann.toLowerCase() + " unsubscribed"), suppressed(credential.accountId()));
        JsonObject event = ApiClient.await(() -> timeline(id), events -> events != null, WAIT, "the timeline");
        assertEquals("mailto", event.getJsonObject("details").getString("method"), event.toString());
        assertEquals(1, unsubscribes(credential.accountId()));
    }

    @Test
    void aTamperedOrUnknownLinkIs404AndChangesNothing() throws Exception {
        TestCredential credential = relay.newCredential();
        String ann = "ann-" + UUID.randomUUID() + "@example.net";
        relay.submit(credential, "news@" + DOMAIN, message("X-SMTPeter-Unsubscribe: true\r\n", ann), ann);
        String link = link(relay.sink().awaitFor(ann, WAIT).text());
        String token = link.substring(link.lastIndexOf('/') + 1);
        byte[] bytes = Base64.getUrlDecoder().decode(token);
        bytes[4] ^= 1;
        String tampered = link.substring(0, link.lastIndexOf('/') + 1)
                + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String clickToken = link.replace("/u/", "/t/c/");

        for (String wrong : List.of(tampered, link + "x", link.substring(0, link.lastIndexOf('/') + 1) + "nothing")) {
            assertEquals(404, relay.request(HttpRequest.newBuilder(URI.create(wrong)).GET()).statusCode(), wrong);
            assertEquals(404, oneClick(wrong).statusCode(), wrong);
        }
        assertEquals(404, relay.request(HttpRequest.newBuilder(URI.create(clickToken)).GET()).statusCode(),
                "an unsubscribe token is no click token");
        assertEquals(List.of(), suppressed(credential.accountId()));
        assertEquals(0, unsubscribes(credential.accountId()));
    }

    @Test
    void aCustomersOwnListUnsubscribeIsKeptAndNothingIsAdded() throws Exception {
        TestCredential credential = relay.newCredential();
        String ann = "ann-" + UUID.randomUUID() + "@example.net";
        String own = "List-Unsubscribe: <mailto:leave@" + DOMAIN + ">, <https://" + DOMAIN + "/leave?u=1>\r\n";
        relay.submit(credential, "news@" + DOMAIN, message("X-SMTPeter-Unsubscribe: true\r\n" + own, ann), ann);
        String arrived = relay.sink().awaitFor(ann, WAIT).text();

        assertTrue(arrived.contains("\r\n" + own), arrived);
        assertEquals(1, arrived.split("List-Unsubscribe:", -1).length - 1, arrived);
        assertFalse(arrived.contains("List-Unsubscribe-Post"), arrived);
    }

    @Test
    void withoutTheFeatureNoHeaderIsAdded() throws Exception {
        TestCredential credential = relay.newCredential();
        String ann = "ann-" + UUID.randomUUID() + "@example.net";
        relay.submit(credential, "news@" + DOMAIN, message("", ann), ann);

        assertFalse(relay.sink().awaitFor(ann, WAIT).text().contains("List-Unsubscribe"));
    }

    @Test
    void theDkimSignatureCoversTheAddedHeaders() throws Exception {
        TestCredential credential = relay.newCredential();
        JsonObject domain = ApiClient.object(expect(201, admin.post("/api/v1/accounts/" + credential.accountId()
                + "/domains", "{\"name\":\"" + DOMAIN + "\"}")));
        for (JsonObject record : domain.getJsonArray("records").getValuesAs(JsonObject.class)) {
            if (record.getString("purpose").equals("dkim")) {
                dns.txt(record.getString("name"), record.getString("value"));
            }
        }
        String ann = "ann-" + UUID.randomUUID() + "@example.net";
        relay.submit(credential, "news@" + DOMAIN, message("X-SMTPeter-Unsubscribe: true\r\n", ann), ann);
        byte[] arrived = relay.sink().awaitFor(ann, WAIT).data();
        String text = new String(arrived, StandardCharsets.ISO_8859_1);

        List<Verdict> verdicts = DkimVerifier.verify(arrived, dns);
        assertEquals(1, verdicts.size(), verdicts + "\n" + text);
        assertTrue(verdicts.get(0).pass(), verdicts + "\n" + text);
        String signature = text.substring(text.indexOf("DKIM-Signature:"), text.indexOf("\r\n\r\n")).replaceAll("\\s+", "");
        assertTrue(signature.toLowerCase().contains(":list-unsubscribe:list-unsubscribe-post"), signature);
        // Another recipient's link in place of this one's breaks the signature.
        String token = link(text).substring(link(text).lastIndexOf('/') + 1);
        String other = text.replace(token, token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BA" : "AA"));
        assertFalse(DkimVerifier.verify(other.getBytes(StandardCharsets.ISO_8859_1), dns).get(0).pass());
    }

    private static byte[] message(String extraHeaders, String to) {
        return (extraHeaders
                + "From: News <news@" + DOMAIN + ">\r\n"
                + "To: <" + to + ">\r\n"
                + "Subject: Our news\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "\r\n"
                + "This week's news.\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String link(String arrived) {
        Matcher link = LINK.matcher(arrived);
        assertTrue(link.find(), arrived);
        return link.group(1);
    }

    /** As a mailbox provider sends it: a form body, no cookie, no authorization. */
    private static HttpResponse<String> oneClick(String link) {
        return relay.request(HttpRequest.newBuilder(URI.create(link))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")));
    }

    private static List<String> suppressed(long account) {
        return admin.array("/api/v1/accounts/" + account + "/suppressions").getValuesAs(JsonObject.class).stream()
                .map(s -> s.getString("address") + " " + s.getString("reason")).toList();
    }

    private static JsonObject timeline(String id) {
        return admin.array("/api/v1/messages/" + id + "/events").getValuesAs(JsonObject.class).stream()
                .filter(event -> event.getString("type").equals("unsubscribed")).findFirst().orElse(null);
    }

    private static long unsubscribes(long account) {
        return admin.object("/api/v1/statistics?granularity=day&account=" + account).getJsonArray("buckets")
                .getValuesAs(JsonObject.class).stream().mapToLong(bucket -> bucket.getJsonNumber("unsubscribes").longValue())
                .sum();
    }
}
