package org.smtpeter.rest.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smtpeter.testing.ApiClient.await;
import static org.smtpeter.testing.ApiClient.expect;
import static org.smtpeter.testing.ApiClient.expectError;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.json.JsonArray;
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
 * Account API tokens: each sees its own account's data and nothing of another's (404 for single
 * things, filtered lists), and cannot do the operator's work (403). Account B has mail with every
 * kind of record (delivery, attempts, a hard bounce with its suppression, a click, an open);
 * account A is empty and looks at it.
 */
@ExtendWith(RelayExtension.class)
class AccountTokensIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static Relay relay;
    private static ApiClient admin;
    private static long accountA;
    private static ApiClient tokenA;
    private static long accountB;
    private static ApiClient tokenB;
    private static TestCredential credentialB;
    private static long credentialIdB;
    private static String sender;
    private static String deliveredMessage;
    private static String bouncedMessage;
    private static long deliveryB;
    private static long suppressionB;

    @BeforeAll
    static void twoAccountsAndBsMail(Relay started) throws Exception {
        relay = started;
        admin = ApiClient.admin(relay);
        accountA = admin.createAccount();
        tokenA = ApiClient.withToken(relay, admin.issueToken(accountA));
        accountB = admin.createAccount();
        tokenB = ApiClient.withToken(relay, admin.issueToken(accountB));
        credentialB = admin.createCredential(accountB);
        credentialIdB = admin.array("/api/v1/accounts/" + accountB + "/credentials").getJsonObject(0)
                .getJsonNumber("id").longValue();

        sender = Mails.uniqueSender();
        String reader = "reader-" + UUID.randomUUID() + "@example.net";
        deliveredMessage = relay.submit(credentialB, sender, HtmlMails.withLink(sender, reader, "B's offer"), reader);
        String arrived = relay.sink().awaitFor(reader, WAIT).text();
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        browser.send(HttpRequest.newBuilder(URI.create(HtmlMails.trackedLink(arrived)))
                .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0").build(),
                HttpResponse.BodyHandlers.discarding());
        browser.send(HttpRequest.newBuilder(URI.create(HtmlMails.pixel(arrived)))
                .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0").build(),
                HttpResponse.BodyHandlers.discarding());

        String refuser = "reject-" + UUID.randomUUID() + "@example.net";
        bouncedMessage = relay.submit(credentialB, sender, Mails.simple(sender, refuser, "refused"), refuser);
        await(() -> admin.array("/api/v1/bounces?message=" + bouncedMessage), list -> !list.isEmpty(), WAIT,
                "the hard bounce of " + refuser);
        deliveryB = await(() -> admin.array("/api/v1/deliveries?state=delivered&message=" + deliveredMessage),
                list -> !list.isEmpty(), WAIT, "the delivery").getJsonObject(0).getJsonNumber("id").longValue();
        suppressionB = admin.array("/api/v1/accounts/" + accountB + "/suppressions").getJsonObject(0)
                .getJsonNumber("id").longValue();
    }

    // --- authentication -----------------------------------------------------------------------------

    @Test
    void withoutOrWithAWrongTokenEveryResourceIs401() {
        List<String> paths = List.of("/api/v1/accounts", "/api/v1/accounts/" + accountB,
                "/api/v1/accounts/" + accountB + "/credentials", "/api/v1/accounts/" + accountB + "/tokens",
                "/api/v1/accounts/" + accountB + "/suppressions", "/api/v1/messages",
                "/api/v1/messages/" + deliveredMessage + "/events", "/api/v1/deliveries", "/api/v1/attempts",
                "/api/v1/bounces", "/api/v1/complaints", "/api/v1/clicks", "/api/v1/opens", "/api/v1/statistics");
        for (ApiClient stranger : List.of(ApiClient.anonymous(relay), ApiClient.withToken(relay, "wrong"),
                ApiClient.withToken(relay, "smtpeter_" + "A".repeat(43)))) {
            for (String path : paths) {
                expectError(401, stranger.get(path));
            }
            expectError(401, stranger.post("/api/v1/accounts/" + accountB + "/tokens", "{}"));
        }
    }

    @Test
    void aTokenIsShownOnceStoredHashedAndStopsWorkingWhenRevoked() {
        HttpResponse<String> issued = expect(201, admin.post("/api/v1/accounts/" + accountA + "/tokens",
                "{\"description\":\"deploy script\"}"));
        JsonObject token = ApiClient.object(issued);
        String secret = token.getString("token");
        assertTrue(secret.matches("smtpeter_[A-Za-z0-9_-]{43}"), secret);
        assertFalse(token.getString("notice").isBlank());
        long id = token.getJsonNumber("id").longValue();
        assertTrue(issued.headers().firstValue("Location").orElseThrow().endsWith("/tokens/" + id));

        ApiClient client = ApiClient.withToken(relay, secret);
        assertEquals(accountA, client.object("/api/v1/accounts/" + accountA).getJsonNumber("id").longValue());

        String listing = expect(200, admin.get("/api/v1/accounts/" + accountA + "/tokens")).body();
        assertTrue(listing.contains("deploy script"), listing);
        assertFalse(listing.contains(secret) || listing.toLowerCase(Locale.ROOT).contains("hash"), listing);

        expect(204, admin.delete("/api/v1/accounts/" + accountA + "/tokens/" + id));
        expectError(401, client.get("/api/v1/accounts/" + accountA));
        expectError(404, admin.delete("/api/v1/accounts/" + accountA + "/tokens/" + id));
        // A token is revoked through its own account only.
        HttpResponse<String> other = admin.post("/api/v1/accounts/" + accountB + "/tokens", "{}");
        long otherId = ApiClient.object(other).getJsonNumber("id").longValue();
        expectError(404, admin.delete("/api/v1/accounts/" + accountA + "/tokens/" + otherId));
        expect(204, admin.delete("/api/v1/accounts/" + accountB + "/tokens/" + otherId));
    }

    // --- the operator's business ------------------------------------------------------------------

    @Test
    void anAccountTokenCannotCreateAccountsOrTokens() {
        expectError(403, tokenA.post("/api/v1/accounts", "{\"name\":\"sneaky-" + UUID.randomUUID() + "\"}"));
        expectError(403, tokenA.post("/api/v1/accounts/" + accountA + "/tokens", "{}"));
        expectError(403, tokenA.get("/api/v1/accounts/" + accountA + "/tokens"));
        expectError(403, tokenA.delete("/api/v1/accounts/" + accountA + "/tokens/1"));
        expectError(403, tokenA.delete("/api/v1/accounts/" + accountA));
    }

    // --- accounts and credentials ------------------------------------------------------------------

    @Test
    void anAccountSeesItselfAndItsCredentialsOnly() {
        JsonArray accounts = tokenA.array("/api/v1/accounts");
        assertEquals(1, accounts.size(), accounts.toString());
        assertEquals(accountA, accounts.getJsonObject(0).getJsonNumber("id").longValue());
        assertEquals(0, tokenA.array("/api/v1/accounts?offset=1").size());

        String credentials = "/api/v1/accounts/" + accountB + "/credentials";
        String credential = credentials + "/" + credentialIdB;
        expectError(404, tokenA.get("/api/v1/accounts/" + accountB));
        expectError(404, tokenA.get(credentials));
        expectError(404, tokenA.post(credentials, "{}"));
        expectError(404, tokenA.get(credential));
        expectError(404, tokenA.patch(credential, "{\"enabled\":false}"));
        expectError(404, tokenA.post(credential + "/rotate", ""));
        expectError(404, tokenA.delete(credential));
        // Nor through its own account's path.
        String smuggled = "/api/v1/accounts/" + accountA + "/credentials/" + credentialIdB;
        expectError(404, tokenA.get(smuggled));
        expectError(404, tokenA.patch(smuggled, "{\"enabled\":false}"));
        expectError(404, tokenA.delete(smuggled));

        JsonObject untouched = tokenB.object(credential);
        assertTrue(untouched.getBoolean("enabled"), "B's credential was not changed: " + untouched);
        assertEquals(credentialB.username(), untouched.getString("username"));
        assertEquals(1, tokenB.array(credentials).size());
    }

    // --- messages, deliveries, attempts --------------------------------------------------------------

    @Test
    void anotherAccountsMessageIs404AndListsLeaveItOut() {
        for (String path : List.of("", "/raw", "/events")) {
            expectError(404, tokenA.get("/api/v1/messages/" + deliveredMessage + path));
            expect(200, tokenB.get("/api/v1/messages/" + deliveredMessage + path));
            expect(200, admin.get("/api/v1/messages/" + deliveredMessage + path));
        }
        String bySender = "/api/v1/messages?sender=" + sender;
        HttpResponse<String> none = expect(200, tokenA.get(bySender));
        assertEquals(0, ApiClient.array(none).size());
        assertEquals("0", none.headers().firstValue("X-Total-Count").orElseThrow());
        assertEquals(0, tokenA.array("/api/v1/messages?id=" + deliveredMessage).size());
        expectError(404, tokenA.get("/api/v1/messages?account=" + accountB));

        HttpResponse<String> own = expect(200, tokenB.get(bySender));
        assertEquals(2, ApiClient.array(own).size());
        assertEquals("2", own.headers().firstValue("X-Total-Count").orElseThrow());
        assertEquals(2, tokenB.array("/api/v1/messages?account=" + accountB + "&sender=" + sender).size());
    }

    @Test
    void anotherAccountsDeliveriesAndAttemptsAreInvisible() {
        expectError(404, tokenA.get("/api/v1/deliveries/" + deliveryB));
        expectError(404, tokenA.post("/api/v1/deliveries/" + deliveryB + "/retry", ""));
        expectError(404, tokenA.post("/api/v1/deliveries/" + deliveryB + "/cancel", ""));
        assertEquals(0, tokenA.array("/api/v1/deliveries?message=" + deliveredMessage).size());
        assertEquals(0, tokenA.array("/api/v1/deliveries").size(), "A has sent nothing");
        assertEquals(0, tokenA.array("/api/v1/attempts?message=" + deliveredMessage).size());
        assertEquals(0, tokenA.array("/api/v1/attempts").size());

        assertEquals("delivered", tokenB.object("/api/v1/deliveries/" + deliveryB).getString("state"));
        // Retrying a finished delivery is a conflict, not a 404: B may act on its own.
        expectError(409, tokenB.post("/api/v1/deliveries/" + deliveryB + "/retry", ""));
        assertEquals(1, tokenB.array("/api/v1/deliveries?message=" + deliveredMessage).size());
        assertFalse(tokenB.array("/api/v1/attempts?message=" + deliveredMessage).isEmpty());
        tokenB.array("/api/v1/deliveries").getValuesAs(JsonObject.class).forEach(d -> assertTrue(
                List.of(deliveredMessage, bouncedMessage).contains(d.getString("messageId"))
                        || isOwnNotification(d.getString("messageId")), d.toString()));
    }

    /** The relay's delivery status notification for B's refused mail belongs to B as well. */
    private static boolean isOwnNotification(String messageId) {
        return expect(200, tokenB.get("/api/v1/messages/" + messageId)).statusCode() == 200;
    }

    // --- what came back, tracking, suppressions ---------------------------------------------------------

    @Test
    void bouncesClicksAndOpensOfAnotherAccountAreFilteredOut() {
        for (String log : List.of("bounces", "complaints", "clicks", "opens")) {
            assertEquals(0, tokenA.array("/api/v1/" + log).size(), log + " of an account that sent nothing");
        }
        assertEquals(1, tokenB.array("/api/v1/bounces?message=" + bouncedMessage).size());
        assertEquals("hard", tokenB.array("/api/v1/bounces?message=" + bouncedMessage).getJsonObject(0)
                .getString("hardness"));
        assertEquals(1, await(() -> tokenB.array("/api/v1/clicks?message=" + deliveredMessage), a -> a.size() == 1,
                WAIT, "B's click").size());
        assertEquals(1, await(() -> tokenB.array("/api/v1/opens?message=" + deliveredMessage), a -> a.size() == 1,
                WAIT, "B's open").size());
        assertEquals(0, tokenA.array("/api/v1/clicks?message=" + deliveredMessage).size());
        assertEquals(0, tokenA.array("/api/v1/opens?message=" + deliveredMessage).size());
    }

    @Test
    void anotherAccountsSuppressionListIs404() {
        String list = "/api/v1/accounts/" + accountB + "/suppressions";
        expectError(404, tokenA.get(list));
        expectError(404, tokenA.get(list + "/" + suppressionB));
        expectError(404, tokenA.post(list, "{\"address\":\"x@example.net\"}"));
        expectError(404, tokenA.delete(list + "/" + suppressionB));
        // And not through A's own list either.
        expectError(404, tokenA.get("/api/v1/accounts/" + accountA + "/suppressions/" + suppressionB));
        expectError(404, tokenA.delete("/api/v1/accounts/" + accountA + "/suppressions/" + suppressionB));
        assertEquals(0, tokenA.array("/api/v1/accounts/" + accountA + "/suppressions").size());

        JsonObject entry = tokenB.object(list + "/" + suppressionB);
        assertEquals("hard-bounce", entry.getString("reason"));
        assertEquals(1, tokenB.array(list).size());
    }

    @Test
    void statisticsOfAnotherAccountAre404AndOwnAreScoped() {
        expectError(404, tokenA.get("/api/v1/statistics?account=" + accountB));
        expectError(404, tokenA.get("/api/v1/statistics?credential=" + credentialIdB));
        JsonObject own = tokenA.object("/api/v1/statistics?granularity=day");
        assertEquals(accountA, own.getJsonNumber("account").longValue());
        own.getJsonArray("buckets").getValuesAs(JsonObject.class).forEach(bucket -> assertEquals(0,
                bucket.getInt("accepted") + bucket.getInt("delivered") + bucket.getInt("clicks"), bucket.toString()));

        JsonObject ofB = tokenB.object("/api/v1/statistics?granularity=day&credential=" + credentialIdB);
        assertEquals(2, ofB.getJsonArray("buckets").getValuesAs(JsonObject.class).stream()
                .mapToInt(bucket -> bucket.getInt("accepted")).sum());
    }
}
