package org.smtpeter.messagelog.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smtpeter.testing.ApiClient.await;
import static org.smtpeter.testing.ApiClient.expect;
import static org.smtpeter.testing.ApiClient.expectError;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smtpeter.testing.ApiClient;
import org.smtpeter.testing.Mails;
import org.smtpeter.testing.Relay;
import org.smtpeter.testing.RelayExtension;
import org.smtpeter.testing.TestCredential;

/** Searching the message log: each filter alone and together, with the total in X-Total-Count. */
@ExtendWith(RelayExtension.class)
class MessageSearchIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static ApiClient admin;
    private static long account;
    private static String sender;
    private static String otherSender;
    private static String invoice;
    private static String greeting;
    private static String script;
    private static String deferred;
    private static String refused;
    /** The relay's failure notice for {@code refused}, to its sender: the account's mail too. */
    private static String notification;
    private static String recipient;
    private static Instant between;

    /** A fresh account, so that its messages are exactly these five and the notice of the refusal. */
    @BeforeAll
    static void messages(Relay relay) throws Exception {
        admin = ApiClient.admin(relay);
        account = admin.createAccount();
        TestCredential credential = admin.createCredential(account);
        sender = Mails.uniqueSender();
        otherSender = Mails.uniqueSender();
        recipient = "Search-" + UUID.randomUUID() + "@Example.NET";
        invoice = relay.submit(credential, sender, Mails.simple(sender, recipient, "Your INVOICE 2026-11"), recipient);
        // RFC 2047, split over two encoded words and folded: stored decoded.
        greeting = relay.submit(credential, sender, Mails.simple(sender, recipient,
                "=?UTF-8?B?R3LDvMOfZSBhdXM=?=\r\n =?UTF-8?Q?_K=C3=B6ln_100%_sicher?="), recipient);
        Thread.sleep(1100);
        between = Instant.now();
        Thread.sleep(100);
        script = relay.submit(credential, otherSender, Mails.simple(otherSender, recipient,
                "<script>alert(1)</script>"), recipient);
        String slow = "tempfail-always-" + UUID.randomUUID() + "@example.net";
        deferred = relay.submit(credential, otherSender, Mails.simple(otherSender, slow, "later"), slow);
        String refuser = "reject-" + UUID.randomUUID() + "@example.net";
        refused = relay.submit(credential, otherSender, Mails.simple(otherSender, refuser, "never"), refuser);
        await(() -> ids("status=failed"), List.of(refused)::equals, WAIT, "the refusal");
        notification = await(() -> ids("recipient=" + encode(otherSender)), ids -> ids.size() == 1, WAIT,
                "the failure notice").get(0);
        await(() -> ids("status=delivered"), ids -> ids.size() == 4, WAIT, "four deliveries");
    }

    @Test
    void theRelaysOwnNoticeHasTheNullSender() {
        assertEquals("", admin.object("/api/v1/messages/" + notification).getString("sender"));
    }

    @Test
    void theSubjectIsStoredDecodedAndShown() {
        assertEquals("Grüße aus Köln 100% sicher", admin.object("/api/v1/messages/" + greeting).getString("subject"));
        assertEquals("<script>alert(1)</script>", admin.object("/api/v1/messages/" + script).getString("subject"));
    }

    @Test
    void subjectMatchesAPartInAnyCaseAndWildcardsAreLiteral() {
        assertEquals(List.of(invoice), ids("subject=invoice"));
        assertEquals(List.of(greeting), ids("subject=" + encode("KÖLN")));
        assertEquals(List.of(greeting), ids("subject=" + encode("100%")));
        assertEquals(List.of(), ids("subject=" + encode("%x%")));
        assertEquals(List.of(), ids("subject=_"));
        assertEquals(List.of(script), ids("subject=" + encode("<script>")));
    }

    @Test
    void senderRecipientAndIdMatchWholeValuesInAnyCase() {
        assertEquals(List.of(greeting, invoice), ids("sender=" + encode(sender.toUpperCase())));
        assertEquals(List.of(refused, deferred, script), ids("sender=" + encode(otherSender)));
        assertEquals(List.of(), ids("sender=" + encode(sender.substring(0, 10))));
        assertEquals(List.of(script, greeting, invoice), ids("recipient=" + encode(recipient.toLowerCase())));
        assertEquals(List.of(deferred), ids("id=" + deferred));
        assertEquals(List.of(), ids("id=" + deferred + "x"));
    }

    @Test
    void timeRangeIsFromInclusiveToExclusive() {
        assertEquals(List.of(notification, refused, deferred, script), ids("from=" + between));
        assertEquals(List.of(greeting, invoice), ids("to=" + between));
        assertEquals(List.of(), ids("from=" + between + "&to=" + between));
        expectError(400, admin.get("/api/v1/messages?from=yesterday"));
    }

    @Test
    void statusMatchesMessagesWithADeliveryInThatState() {
        assertEquals(List.of(refused), ids("status=failed"));
        assertEquals(List.of(notification, script, greeting, invoice), ids("status=DELIVERED"));
        assertEquals(List.of(deferred), await(() -> ids("status=deferred"), List.of(deferred)::equals, WAIT,
                "the deferral between attempts"));
        assertEquals(List.of(), ids("status=suppressed"));
        JsonObject error = expectError(400, admin.get("/api/v1/messages?status=lost"));
        assertTrue(error.getString("error").contains("delivered"), error.toString());
    }

    @Test
    void filtersCombineAndTheTotalCountsAllPages() {
        assertEquals(List.of(script), ids("sender=" + encode(otherSender) + "&recipient=" + encode(recipient)));
        assertEquals(List.of(), ids("sender=" + encode(sender) + "&status=failed"));

        HttpResponse<String> page = expect(200, admin.get("/api/v1/messages?account=" + account + "&limit=2&offset=1"));
        assertEquals(2, ApiClient.array(page).size());
        assertEquals("6", page.headers().firstValue("X-Total-Count").orElseThrow());
        HttpResponse<String> filtered = expect(200, admin.get("/api/v1/messages?account=" + account
                + "&sender=" + encode(otherSender) + "&limit=1"));
        assertEquals("3", filtered.headers().firstValue("X-Total-Count").orElseThrow());
        expectError(400, admin.get("/api/v1/messages?account=" + account + "&limit=0"));
    }

    /** The ids of this account's messages matching the query, newest first. */
    private static List<String> ids(String query) {
        JsonArray found = admin.array("/api/v1/messages?account=" + account + "&" + query);
        return found.getValuesAs(JsonObject.class).stream().map(m -> m.getString("id")).toList();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
