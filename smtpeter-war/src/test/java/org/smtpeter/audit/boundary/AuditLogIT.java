package org.smtpeter.audit.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smtpeter.testing.ApiClient.expect;
import static org.smtpeter.testing.ApiClient.expectError;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smtpeter.testing.ApiClient;
import org.smtpeter.testing.Relay;
import org.smtpeter.testing.RelayExtension;

/**
 * The audit log through the REST API: changes made with the admin token and with an account's
 * token are read back from the account's log and from the operator's log of every account, with
 * who made them (the token, never its secret), from where, what and on what. A change refused
 * leaves no entry; another account's log is 404, and every account's is the admin's alone.
 */
@ExtendWith(RelayExtension.class)
class AuditLogIT {

    private static final String ADMIN = "admin token";
    private static final String FROM = "127.0.0.1";

    private static Relay relay;
    private static ApiClient admin;
    private static long account;
    private static String accountName;
    private static ApiClient token;
    private static String tokenSecret;
    private static String tokenActor;
    private static long other;
    private static Instant start;

    @BeforeAll
    static void anAccountWithAToken(Relay started) {
        relay = started;
        start = Instant.now().minusSeconds(1);
        admin = ApiClient.admin(relay);
        accountName = "audit-" + UUID.randomUUID();
        account = ApiClient.object(expect(201, admin.post("/api/v1/accounts", "{\"name\":\"" + accountName + "\"}")))
                .getJsonNumber("id").longValue();
        JsonObject issued = ApiClient.object(expect(201, admin.post(accounts(account, "tokens"),
                "{\"description\":\"deploy script\"}")));
        tokenSecret = issued.getString("token");
        tokenActor = "API token " + issued.getJsonNumber("id") + " (deploy script)";
        token = ApiClient.withToken(relay, tokenSecret);
        other = admin.createAccount();
    }

    @Test
    void credentialChangesNameTheTokenThatMadeThemAndTheCredential() {
        JsonObject created = ApiClient.object(expect(201, token.post(accounts(account, "credentials"),
                "{\"description\":\"newsletter\"}")));
        String username = created.getString("username");
        String path = accounts(account, "credentials/" + created.getJsonNumber("id"));
        expect(200, token.patch(path, "{\"enabled\":false}"));
        expect(200, token.patch(path, "{\"enabled\":false}")); // no change, no entry
        expect(200, token.patch(path, "{\"features\":{\"trackClicks\":false,\"unsubscribe\":true}}"));
        expect(200, token.post(path + "/rotate", ""));
        expect(204, admin.delete(path));

        List<JsonObject> entries = log(token, account, "credential.");
        assertEquals(List.of("credential.deleted", "credential.rotated", "credential.features-changed",
                "credential.disabled", "credential.created"), actions(entries));
        assertEntry(entries.get(4), tokenActor, "credential.created", username);
        assertEntry(entries.get(3), tokenActor, "credential.disabled", username);
        assertEntry(entries.get(2), tokenActor, "credential.features-changed",
                username + ": trackClicks off, unsubscribe on");
        assertEntry(entries.get(1), tokenActor, "credential.rotated", username);
        assertEntry(entries.get(0), ADMIN, "credential.deleted", username);
        // The admin reads the same entries in the account's log and in the log of every account.
        assertEquals(entries, log(admin, account, "credential."));
        assertEquals(entries, list(admin, "/api/v1/audit-log?action=credential.&account=" + account));
    }

    @Test
    void domainsWebhooksAndSuppressionsAreRecordedAndRefusedChangesAreNot() {
        JsonObject domain = ApiClient.object(expect(201, token.post(accounts(account, "domains"),
                "{\"name\":\"audit-" + UUID.randomUUID() + ".example\"}")));
        String name = domain.getString("name");
        String domainPath = accounts(account, "domains/" + domain.getJsonNumber("id"));
        expect(200, token.post(domainPath + "/rotate", ""));
        expect(204, token.delete(domainPath));
        expectError(400, token.post(accounts(account, "domains"), "{\"name\":\"not a domain\"}"));
        expect(200, token.put(accounts(account, "domain-policy"), "{\"requireVerified\":true}"));

        String url = "http://127.0.0.1:9/audit-" + UUID.randomUUID();
        JsonObject hook = ApiClient.object(expect(201, token.post(accounts(account, "webhooks"),
                "{\"url\":\"" + url + "\",\"eventTypes\":[\"bounced\"]}")));
        String hookPath = accounts(account, "webhooks/" + hook.getJsonNumber("id"));
        expect(200, token.patch(hookPath, "{\"eventTypes\":[\"bounced\",\"complained\"],\"enabled\":false}"));
        expect(200, token.post(hookPath + "/rotate", ""));
        expect(204, admin.delete(hookPath));
        expectError(400, token.post(accounts(account, "webhooks"), "{\"url\":\"ftp://example.com/\"}"));

        String address = "<b>someone</b>-" + UUID.randomUUID() + "@example.net";
        JsonObject suppression = ApiClient.object(expect(201, token.post(accounts(account, "suppressions"),
                "{\"address\":\"" + address + "\"}")));
        expect(201, token.post(accounts(account, "suppressions"), "{\"address\":\"" + address + "\"}")); // listed already
        expect(204, token.delete(accounts(account, "suppressions/" + suppression.getJsonNumber("id"))));

        List<JsonObject> domains = log(token, account, "domain");
        assertEquals(List.of("domain.policy-changed", "domain.removed", "domain.key-rotated", "domain.added"),
                actions(domains));
        assertTrue(domains.get(3).getString("detail").startsWith(name + " ("), domains.get(3).toString());
        assertTrue(domains.get(2).getString("detail").startsWith(name + ": new "), domains.get(2).toString());
        assertEntry(domains.get(1), tokenActor, "domain.removed", name);
        assertEntry(domains.get(0), tokenActor, "domain.policy-changed", "only verified sender domains");

        List<JsonObject> webhooks = log(token, account, "webhook.");
        assertEquals(List.of("webhook.deleted", "webhook.secret-rotated", "webhook.changed", "webhook.created"),
                actions(webhooks));
        assertEntry(webhooks.get(3), tokenActor, "webhook.created", url);
        assertEntry(webhooks.get(2), tokenActor, "webhook.changed",
                url + ": eventTypes: [bounced] → [bounced, complained], enabled off");
        assertEntry(webhooks.get(1), tokenActor, "webhook.secret-rotated", url);
        assertEntry(webhooks.get(0), ADMIN, "webhook.deleted", url);

        List<JsonObject> suppressions = log(token, account, "suppression.");
        assertEquals(List.of("suppression.removed", "suppression.added"), actions(suppressions));
        assertEntry(suppressions.get(1), tokenActor, "suppression.added", address);
        assertEntry(suppressions.get(0), tokenActor, "suppression.removed", address + " (manual)");
    }

    @Test
    void accountsAndTokensAreRecordedByTheAdminAndTheLogOutlivesTheAccount() {
        String name = "doomed-" + UUID.randomUUID();
        long doomed = ApiClient.object(expect(201, admin.post("/api/v1/accounts", "{\"name\":\"" + name + "\"}")))
                .getJsonNumber("id").longValue();
        expectError(409, admin.post("/api/v1/accounts", "{\"name\":\"" + name + "\"}"));
        JsonObject issued = ApiClient.object(expect(201, admin.post(accounts(doomed, "tokens"), "{}")));
        String actor = "API token " + issued.getJsonNumber("id");
        expect(204, admin.delete(accounts(doomed, "tokens/" + issued.getJsonNumber("id"))));
        expect(204, admin.delete("/api/v1/accounts/" + doomed));

        List<JsonObject> entries = list(admin, "/api/v1/audit-log?account=" + doomed);
        assertEquals(List.of("account.deleted", "token.revoked", "token.created", "account.created"), actions(entries));
        assertEntry(entries.get(3), ADMIN, "account.created", name);
        assertEntry(entries.get(2), ADMIN, "token.created", actor);
        assertEntry(entries.get(1), ADMIN, "token.revoked", actor);
        assertEntry(entries.get(0), ADMIN, "account.deleted", name);
        entries.forEach(entry -> assertEquals(doomed, entry.getJsonNumber("accountId").longValue()));
        assertEquals(entries, log(admin, doomed, null));

        List<JsonObject> own = log(token, account, "account.");
        assertEquals(1, own.size(), own.toString());
        assertEntry(own.get(0), ADMIN, "account.created", accountName);
        assertEntry(log(token, account, "token.").get(0), ADMIN, "token.created", tokenActor);
    }

    @Test
    void theLogIsPagedNewestFirstAndNeverShowsATokensSecret() {
        long paged = admin.createAccount();
        for (int i = 0; i < 4; i++) {
            expect(201, admin.post(accounts(paged, "suppressions"), "{\"address\":\"page-" + i + "@example.net\"}"));
        }
        List<JsonObject> all = log(admin, paged, null);
        assertEquals(List.of("suppression.added", "suppression.added", "suppression.added", "suppression.added",
                "account.created"), actions(all));
        assertEquals("page-3@example.net", all.get(0).getString("detail"));
        for (int i = 1; i < all.size(); i++) {
            assertFalse(Instant.parse(all.get(i).getString("at")).isAfter(Instant.parse(all.get(i - 1).getString("at"))),
                    "newest first: " + all);
        }
        assertEquals(all.subList(1, 3), list(admin, accounts(paged, "audit-log?offset=1&limit=2")));
        assertEquals(all.subList(3, 5), list(admin, "/api/v1/audit-log?account=" + paged + "&offset=3&limit=10"));

        String own = expect(200, admin.get("/api/v1/audit-log?limit=500&account=" + account)).body();
        assertTrue(own.contains(tokenActor), own);
        assertFalse(own.contains(tokenSecret), "the log names tokens by id, never by secret");
    }

    @Test
    void anotherAccountsLogIs404AndEveryAccountsLogIsTheAdminsAlone() {
        expectError(404, token.get(accounts(other, "audit-log")));
        expectError(403, token.get("/api/v1/audit-log"));
        expectError(403, token.get("/api/v1/audit-log?account=" + account));
        expectError(401, ApiClient.anonymous(relay).get(accounts(account, "audit-log")));
        expectError(400, token.get(accounts(account, "audit-log?action=credential%25")));
        expectError(400, token.get(accounts(account, "audit-log?limit=0")));
        assertEquals(List.of("account.created"), actions(log(admin, other, null)));
    }

    private static void assertEntry(JsonObject entry, String actor, String action, String detail) {
        assertEquals(actor, entry.getString("actor"), entry.toString());
        assertEquals(action, entry.getString("action"), entry.toString());
        assertEquals(detail, entry.getString("detail"), entry.toString());
        assertEquals(FROM, entry.getString("remoteAddress"), entry.toString());
        assertFalse(Instant.parse(entry.getString("at")).isBefore(start), entry.toString());
    }

    private static List<JsonObject> log(ApiClient client, long accountId, String action) {
        return list(client, accounts(accountId, "audit-log" + (action == null ? "" : "?action=" + action)));
    }

    private static List<JsonObject> list(ApiClient client, String path) {
        return client.array(path).getValuesAs(JsonObject.class);
    }

    private static List<String> actions(List<JsonObject> entries) {
        return entries.stream().map(entry -> entry.getString("action")).toList();
    }

    private static String accounts(long id, String rest) {
        return "/api/v1/accounts/" + id + "/" + rest;
    }
}
