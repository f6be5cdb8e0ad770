package org.smtpeter.credentials.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.stream.JsonParsingException;
import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smtpeter.testing.Mails;
import org.smtpeter.testing.Relay;
import org.smtpeter.testing.RelayExtension;
import org.smtpeter.testing.TestCredential;

/** The accounts and credentials API as an operator's script uses it: plain HTTP and JSON. */
@ExtendWith(RelayExtension.class)
class AccountsResourceIT {

    private Relay relay;

    @BeforeEach
    void relay(Relay relay) {
        this.relay = relay;
    }

    // --- the admin token -----------------------------------------------------------------

    @Test
    void withoutTokenTheApiAnswers401WithJsonAndAChallenge() {
        String name = uniqueName();
        for (HttpRequest.Builder request : List.of(
                HttpRequest.newBuilder(relay.uri("/api/v1/accounts")).GET(),
                HttpRequest.newBuilder(relay.uri("/api/v1/accounts/1")).GET(),
                HttpRequest.newBuilder(relay.uri("/api/v1/accounts/1/credentials")).GET(),
                jsonPost("/api/v1/accounts", "{\"name\":\"" + name + "\"}"))) {
            HttpResponse<String> response = relay.request(request);
            assertUnauthorized(response);
        }
        // The refused POST created nothing: the name is still free.
        assertEquals(201, createAccountResponse(name).statusCode());
    }

    @Test
    void wrongOrMalformedTokensAre401() {
        for (String authorization : List.of(
                "Bearer " + relay.adminToken() + "x",
                "Bearer " + relay.adminToken().substring(1),
                "Bearer " + relay.adminToken().toUpperCase(Locale.ROOT),
                "Bearer ",
                "Basic " + relay.adminToken(),
                relay.adminToken())) {
            HttpResponse<String> response = relay.request(HttpRequest.newBuilder(relay.uri("/api/v1/accounts"))
                    .header("Authorization", authorization).GET());
            assertUnauthorized(response);
        }
        // The auth scheme is case-insensitive (RFC 9110 11.1): the right token with "bearer" works.
        HttpResponse<String> lowerCase = relay.request(HttpRequest.newBuilder(relay.uri("/api/v1/accounts?limit=1"))
                .header("Authorization", "bearer " + relay.adminToken()).GET());
        assertEquals(200, lowerCase.statusCode(), lowerCase.body());
    }

    // --- accounts -----------------------------------------------------------------------------

    @Test
    void createAnAccountAnswers201WithLocation() {
        String name = uniqueName();
        Instant before = Instant.now().minusSeconds(5);

        HttpResponse<String> response = createAccountResponse(name);

        assertEquals(201, response.statusCode(), response.body());
        assertJsonContentType(response);
        JsonObject account = object(response);
        long id = account.getJsonNumber("id").longValue();
        assertEquals(name, account.getString("name"));
        Instant createdAt = Instant.parse(account.getString("createdAt"));
        assertTrue(!createdAt.isBefore(before) && !createdAt.isAfter(Instant.now().plusSeconds(5)),
                "createdAt " + createdAt);
        String location = response.headers().firstValue("Location")
                .orElseThrow(() -> new AssertionError("no Location header"));
        URI resolved = relay.uri("/api/v1/accounts").resolve(location);
        assertEquals("/api/v1/accounts/" + id, resolved.getPath(), "Location: " + location);

        HttpResponse<String> fetched = relay.get(resolved.getPath(), 200);
        assertEquals(account, object(fetched), "GET on the Location returns the created account");
    }

    @Test
    void theNameIsStrippedAndASecondAccountWithTheSameNameIs409() {
        String name = uniqueName();
        assertEquals(201, createAccountResponse(name).statusCode());

        for (String again : List.of(name, "  " + name + "\t")) {
            HttpResponse<String> duplicate = createAccountResponse(again);
            assertEquals(409, duplicate.statusCode(), duplicate.body());
            assertError(duplicate, 409);
        }
        HttpResponse<String> padded = createAccountResponse("  " + uniqueName() + " ");
        assertEquals(201, padded.statusCode(), padded.body());
        String stored = object(padded).getString("name");
        assertEquals(stored.strip(), stored, "names are stored without surrounding blanks");
    }

    @Test
    void malformedJsonIs400WithJsonError() {
        for (String body : List.of("{\"name\": ", "not json at all", "{\"name\": \"x\"", "[1,2")) {
            HttpResponse<String> response = relay.request(authorized(jsonPost("/api/v1/accounts", body)));
            assertEquals(400, response.statusCode(), body + " -> " + response.body());
            assertError(response, 400);
        }
    }

    @Test
    void missingOrInvalidNameIs400() {
        for (String body : List.of("{}", "{\"name\":null}", "{\"name\":\"\"}", "{\"name\":\"   \"}",
                "{\"name\":\"" + "n".repeat(101) + "\"}", "{\"other\":\"x\"}")) {
            HttpResponse<String> response = relay.request(authorized(jsonPost("/api/v1/accounts", body)));
            assertEquals(400, response.statusCode(), body + " -> " + response.body());
            JsonObject error = assertError(response, 400);
            assertTrue(error.getString("error").contains("name"), error.toString());
        }
        String longest = "n".repeat(100 - 36) + UUID.randomUUID();
        assertEquals(201, createAccountResponse(longest).statusCode(), "100 characters are allowed");
    }

    @Test
    void unknownAccountIs404WithJsonError() {
        long unknown = 987_654_321_012L;
        for (String path : List.of("/api/v1/accounts/" + unknown, "/api/v1/accounts/" + unknown + "/credentials")) {
            HttpResponse<String> response = relay.request(authorized(HttpRequest.newBuilder(relay.uri(path)).GET()));
            assertEquals(404, response.statusCode(), path + " -> " + response.body());
            assertError(response, 404);
        }
        HttpResponse<String> credential = relay.request(authorized(
                jsonPost("/api/v1/accounts/" + unknown + "/credentials", "{\"description\":\"x\"}")));
        assertEquals(404, credential.statusCode(), credential.body());
        assertError(credential, 404);
    }

    // --- credentials --------------------------------------------------------------------------

    @Test
    void createCredentialWithDefaultFeatures() {
        long account = createAccount();

        HttpResponse<String> response = createCredentialResponse(account, "{\"description\":\"newsletter\"}");

        assertEquals(201, response.statusCode(), response.body());
        assertJsonContentType(response);
        JsonObject credential = object(response);
        String location = response.headers().firstValue("Location")
                .orElseThrow(() -> new AssertionError("no Location header"));
        assertEquals("/api/v1/accounts/" + account + "/credentials/" + credential.getJsonNumber("id").longValue(),
                relay.uri("/api/v1/accounts").resolve(location).getPath());
        assertTrue(credential.getString("username").matches("smtp-[a-z0-9]{12}"), credential.getString("username"));
        String password = credential.getString("password");
        assertEquals(24, password.length(), password);
        assertTrue(password.chars().allMatch(Character::isLetterOrDigit), "password alphabet: " + password);
        assertTrue(credential.getBoolean("enabled"));
        assertEquals("newsletter", credential.getString("description"));
        assertFalse(credential.getString("notice").isBlank());
        JsonObject features = credential.getJsonObject("features");
        assertFalse(features.getBoolean("inlineCss"));
        assertTrue(features.getBoolean("trackClicks"));
        assertTrue(features.getBoolean("trackOpens"));
        assertTrue(features.getBoolean("trackBounces"));
        assertTrue(features.getBoolean("preventScam"));

        HttpResponse<String> empty = createCredentialResponse(account, "{}");
        assertEquals(201, empty.statusCode(), empty.body());
        assertEquals(features, object(empty).getJsonObject("features"), "no features given: the defaults");
        JsonObject another = object(empty);
        assertNotEquals(credential.getString("username"), another.getString("username"));
        assertNotEquals(password, another.getString("password"));
    }

    @Test
    void featuresGivenInTheRequestAreHonouredAndUnsetOnesDefault() {
        long account = createAccount();

        HttpResponse<String> response = createCredentialResponse(account,
                "{\"description\":\"transactional\",\"features\":{\"inlineCss\":true,\"trackOpens\":false,"
                        + "\"preventScam\":false}}");

        assertEquals(201, response.statusCode(), response.body());
        JsonObject features = object(response).getJsonObject("features");
        assertTrue(features.getBoolean("inlineCss"));
        assertFalse(features.getBoolean("trackOpens"));
        assertFalse(features.getBoolean("preventScam"));
        assertTrue(features.getBoolean("trackClicks"), "unset: default");
        assertTrue(features.getBoolean("trackBounces"), "unset: default");

        // And the listing shows what was stored, not just what was echoed.
        JsonObject listed = credentials(account).getJsonObject(0);
        assertEquals(features, listed.getJsonObject("features"));
        assertEquals("transactional", listed.getString("description"));
    }

    @Test
    void listingCredentialsNeverShowsPasswordsOrHashes() {
        long account = createAccount();
        JsonObject first = object(createCredentialResponse(account, "{\"description\":\"one\"}"));
        JsonObject second = object(createCredentialResponse(account, "{\"description\":\"two\"}"));

        HttpResponse<String> response = relay.get("/api/v1/accounts/" + account + "/credentials", 200);

        String body = response.body();
        JsonArray list = (JsonArray) parse(body);
        assertEquals(List.of(first.getString("username"), second.getString("username")).stream().sorted().toList(),
                list.getValuesAs(JsonObject.class).stream().map(c -> c.getString("username")).sorted().toList(),
                "both credentials are listed, and only they");
        String lower = body.toLowerCase(Locale.ROOT);
        assertFalse(lower.contains("password"), body);
        assertFalse(lower.contains("hash"), body);
        assertFalse(lower.contains("pbkdf2"), body);
        assertFalse(lower.contains("salt"), body);
        assertFalse(body.contains(first.getString("password")), body);
        assertFalse(body.contains(second.getString("password")), body);
        for (JsonObject credential : list.getValuesAs(JsonObject.class)) {
            assertEquals(java.util.Set.of("id", "username", "enabled", "description", "features", "forwardBounces", "jmsSubmission",
                    "createdAt"),
                    credential.keySet(), "only these fields: " + credential);
        }
        // Nor does the account itself reveal anything.
        String accountBody = relay.get("/api/v1/accounts/" + account, 200).body().toLowerCase(Locale.ROOT);
        assertFalse(accountBody.contains("password") || accountBody.contains("hash"), accountBody);
    }

    @Test
    void thePasswordFromCreationWorksForSmtpAuth() throws Exception {
        String name = uniqueName();
        long account = object(createAccountResponse(name)).getJsonNumber("id").longValue();
        JsonObject created = object(createCredentialResponse(account, "{\"description\":\"smtp\"}"));
        TestCredential credential = new TestCredential(account, created.getString("username"),
                created.getString("password"));
        Session session = relay.startTlsSession(credential);
        String sender = Mails.uniqueSender();
        session.getProperties().put("mail.smtp.from", sender);

        String id;
        try (SMTPTransport transport = (SMTPTransport) session.getTransport()) {
            transport.connect(credential.username(), credential.password());
            assertTrue(transport.isConnected());
            MimeMessage message = Mails.parse(session, Mails.simple(sender, "api@example.net", "API credential"));
            transport.sendMessage(message, new Address[] {new InternetAddress("api@example.net")});
            id = Mails.queuedId(transport.getLastServerResponse());
        }
        JsonObject message = relay.message(id);
        assertEquals(credential.username(), message.getString("credential"));
        assertEquals(name, message.getString("account"));
    }

    // --- paging ------------------------------------------------------------------------------------

    @Test
    void pagingParametersAreChecked() {
        for (String query : List.of("limit=0", "limit=501", "limit=-1", "offset=-1", "offset=-1&limit=10")) {
            HttpResponse<String> response = relay.request(authorized(
                    HttpRequest.newBuilder(relay.uri("/api/v1/accounts?" + query)).GET()));
            assertEquals(400, response.statusCode(), query + " -> " + response.body());
            JsonObject error = assertError(response, 400);
            assertTrue(error.getString("error").contains("limit"), error.toString());
        }
        createAccount();
        createAccount();
        JsonArray two = (JsonArray) parse(relay.get("/api/v1/accounts?limit=2", 200).body());
        assertEquals(2, two.size());
        JsonArray secondOnly = (JsonArray) parse(relay.get("/api/v1/accounts?offset=1&limit=1", 200).body());
        assertEquals(1, secondOnly.size());
        assertEquals(two.getJsonObject(1), secondOnly.getJsonObject(0), "offset=1 starts at the second account");
        assertEquals(200, relay.get("/api/v1/accounts?limit=500", 200).statusCode());
    }

    // ---------------------------------------------------------------------------------------------

    private static String uniqueName() {
        return "api-it-" + UUID.randomUUID();
    }

    private long createAccount() {
        HttpResponse<String> response = createAccountResponse(uniqueName());
        assertEquals(201, response.statusCode(), response.body());
        return object(response).getJsonNumber("id").longValue();
    }

    private HttpResponse<String> createAccountResponse(String name) {
        return relay.request(authorized(jsonPost("/api/v1/accounts",
                Json.createObjectBuilder().add("name", name).build().toString())));
    }

    private HttpResponse<String> createCredentialResponse(long account, String json) {
        return relay.request(authorized(jsonPost("/api/v1/accounts/" + account + "/credentials", json)));
    }

    private JsonArray credentials(long account) {
        return (JsonArray) parse(relay.get("/api/v1/accounts/" + account + "/credentials", 200).body());
    }

    private HttpRequest.Builder jsonPost(String path, String json) {
        return HttpRequest.newBuilder(relay.uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        return request.header("Authorization", "Bearer " + relay.adminToken());
    }

    private static void assertUnauthorized(HttpResponse<String> response) {
        assertEquals(401, response.statusCode(), response.request().uri() + " -> " + response.body());
        String challenge = response.headers().firstValue("WWW-Authenticate")
                .orElseThrow(() -> new AssertionError("401 without WWW-Authenticate: " + response.headers()));
        assertTrue(challenge.startsWith("Bearer"), challenge);
        assertError(response, 401);
    }

    private static void assertJsonContentType(HttpResponse<String> response) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        assertTrue(type.startsWith("application/json"), "Content-Type: " + type + " body: " + response.body());
    }

    /** Every API error is {@code {"status": n, "error": "..."}} with a JSON content type. */
    static JsonObject assertError(HttpResponse<String> response, int status) {
        assertJsonContentType(response);
        JsonStructure json = parse(response.body());
        assertTrue(json instanceof JsonObject, response.body());
        JsonObject error = (JsonObject) json;
        assertEquals(status, error.getInt("status"), response.body());
        assertFalse(error.getString("error").isBlank(), response.body());
        assertFalse(response.body().contains("Exception"), "no stack traces or exception names: " + response.body());
        return error;
    }

    private static JsonObject object(HttpResponse<String> response) {
        JsonStructure json = parse(response.body());
        assertTrue(json instanceof JsonObject, response.body());
        return (JsonObject) json;
    }

    private static JsonStructure parse(String body) {
        try {
            return Json.createReader(new StringReader(body)).read();
        } catch (JsonParsingException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
