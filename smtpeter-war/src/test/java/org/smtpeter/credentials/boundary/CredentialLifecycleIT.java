package org.smtpeter.credentials.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smtpeter.testing.ApiClient.expect;
import static org.smtpeter.testing.ApiClient.expectError;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smtpeter.testing.ApiClient;
import org.smtpeter.testing.Mails;
import org.smtpeter.testing.RawSmtpClient;
import org.smtpeter.testing.Relay;
import org.smtpeter.testing.RelayExtension;
import org.smtpeter.testing.TestCredential;

/** A credential's life over the API, checked where it matters: SMTP AUTH. */
@ExtendWith(RelayExtension.class)
class CredentialLifecycleIT {

    private Relay relay;
    private ApiClient admin;
    private long account;
    private TestCredential credential;
    private String path;

    @BeforeEach
    void freshCredential(Relay relay) {
        this.relay = relay;
        admin = ApiClient.admin(relay);
        account = admin.createAccount();
        credential = admin.createCredential(account);
        path = admin.firstCredentialPath(account);
    }

    @Test
    void aDisabledCredentialFailsAuthWith535UntilEnabledAgain() throws IOException {
        assertEquals("235", auth(credential.username(), credential.password()));

        JsonObject disabled = ApiClient.object(expect(200, admin.patch(path, "{\"enabled\":false}")));

        assertFalse(disabled.getBoolean("enabled"));
        assertFalse(admin.object(path).getBoolean("enabled"), "stored, not only echoed");
        assertEquals("535", auth(credential.username(), credential.password()));

        assertTrue(ApiClient.object(expect(200, admin.patch(path, "{\"enabled\":true}"))).getBoolean("enabled"));
        assertEquals("235", auth(credential.username(), credential.password()));
    }

    @Test
    void rotatingGivesANewPasswordOnceAndTheOldOneStopsWorking() throws IOException {
        // Logged in once, so the relay remembers the old password as verified: rotation must end that too.
        assertEquals("235", auth(credential.username(), credential.password()));

        JsonObject rotated = ApiClient.object(expect(200, admin.post(path + "/rotate", "")));

        String fresh = rotated.getString("password");
        assertEquals(credential.username(), rotated.getString("username"), "the user name stays");
        assertNotEquals(credential.password(), fresh);
        assertEquals(24, fresh.length());
        assertFalse(rotated.getString("notice").isBlank());
        assertFalse(expect(200, admin.get(path)).body().contains(fresh), "shown once, in the rotate response");
        assertEquals("535", auth(credential.username(), credential.password()));
        assertEquals("235", auth(credential.username(), fresh));
        assertEquals("235", auth(credential.username(), fresh), "again, from what the relay remembers");
    }

    @Test
    void patchChangesOnlyTheFieldsGiven() {
        JsonObject before = admin.object(path);

        JsonObject changed = ApiClient.object(expect(200, admin.patch(path,
                "{\"features\":{\"inlineCss\":true,\"trackOpens\":false},\"forwardBounces\":false}")));

        JsonObject features = changed.getJsonObject("features");
        assertTrue(features.getBoolean("inlineCss"));
        assertFalse(features.getBoolean("trackOpens"));
        assertEquals(before.getJsonObject("features").getBoolean("trackClicks"), features.getBoolean("trackClicks"));
        assertEquals(before.getJsonObject("features").getBoolean("trackBounces"), features.getBoolean("trackBounces"));
        assertEquals(before.getJsonObject("features").getBoolean("preventScam"), features.getBoolean("preventScam"));
        assertFalse(changed.getBoolean("forwardBounces"));
        assertTrue(changed.getBoolean("enabled"), "enabled was not given, so it stays");
        assertEquals(changed, admin.object(path), "stored as answered");

        JsonObject again = ApiClient.object(expect(200, admin.patch(path, "{\"features\":{\"trackOpens\":true}}")));
        assertTrue(again.getJsonObject("features").getBoolean("inlineCss"), "earlier change kept");
        assertFalse(again.getBoolean("forwardBounces"), "earlier change kept");

        expectError(400, admin.patch(path, "{\"enabled\": "));
        expectError(400, admin.patch(path, ""));
    }

    @Test
    void jmsSubmissionIsOffUntilSwitchedOnAndCanBeSetAtCreation() {
        assertFalse(admin.object(path).getBoolean("jmsSubmission"), "off by default");

        JsonObject on = ApiClient.object(expect(200, admin.patch(path, "{\"jmsSubmission\":true}")));

        assertTrue(on.getBoolean("jmsSubmission"));
        assertTrue(on.getBoolean("forwardBounces"), "the other fields stay");
        assertEquals(on, admin.object(path), "stored as answered");
        assertFalse(ApiClient.object(expect(200, admin.patch(path, "{\"jmsSubmission\":false}")))
                .getBoolean("jmsSubmission"));
        JsonObject created = ApiClient.object(expect(201, admin.post("/api/v1/accounts/" + account + "/credentials",
                "{\"jmsSubmission\":true}")));
        assertTrue(created.getBoolean("jmsSubmission"), created.toString());
    }

    @Test
    void aDeletedCredentialCannotLogInButItsMessagesStayWithItsName() throws IOException {
        String sender = Mails.uniqueSender();
        String id = relay.submit(credential, sender, Mails.simple(sender, "kept@example.net", "history"),
                "kept@example.net");

        expect(204, admin.delete(path));

        expectError(404, admin.get(path));
        expectError(404, admin.delete(path));
        expectError(404, admin.post(path + "/rotate", ""));
        assertEquals(0, admin.array("/api/v1/accounts/" + account + "/credentials").size());
        assertEquals("535", auth(credential.username(), credential.password()));
        JsonObject message = relay.message(id);
        assertEquals(credential.username(), message.getString("credential"), "the log still says who sent it");
        assertEquals(id, message.getString("id"));
        assertEquals(200, admin.get("/api/v1/messages/" + id + "/events").statusCode());
    }

    @Test
    void unknownCredentialsAre404() {
        String unknown = "/api/v1/accounts/" + account + "/credentials/987654321";
        expectError(404, admin.get(unknown));
        expectError(404, admin.patch(unknown, "{\"enabled\":false}"));
        expectError(404, admin.post(unknown + "/rotate", ""));
        expectError(404, admin.delete(unknown));
    }

    /**
     * STARTTLS and AUTH PLAIN from an address of its own: the relay counts failed logins per
     * client address, and this test must not use up other tests' allowance.
     *
     * @return the reply code to AUTH
     */
    private String auth(String username, String password) throws IOException {
        String address = "127.1." + ThreadLocalRandom.current().nextInt(1, 255) + "."
                + ThreadLocalRandom.current().nextInt(1, 255);
        try (RawSmtpClient client = new RawSmtpClient(relay.submissionPort(), address)) {
            RawSmtpClient.expect("220", client.reply());
            RawSmtpClient.expect("250", client.command("EHLO lifecycle.test"));
            RawSmtpClient.expect("220", client.command("STARTTLS"));
            client.startTls();
            RawSmtpClient.expect("250", client.command("EHLO lifecycle.test"));
            String plain = Base64.getEncoder().encodeToString(
                    ("\0" + username + "\0" + password).getBytes(StandardCharsets.UTF_8));
            return client.command("AUTH PLAIN " + plain).substring(0, 3);
        }
    }
}
