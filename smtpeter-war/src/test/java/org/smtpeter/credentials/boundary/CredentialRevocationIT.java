package org.smtpeter.credentials.boundary;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smtpeter.testing.ApiClient.expect;
import static org.smtpeter.testing.RawSmtpClient.expect;

import java.io.IOException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smtpeter.testing.ApiClient;
import org.smtpeter.testing.Mails;
import org.smtpeter.testing.RawSmtpClient;
import org.smtpeter.testing.Relay;
import org.smtpeter.testing.RelayExtension;
import org.smtpeter.testing.TestCredential;

/**
 * A session that logged in before its credential was disabled, rotated or deleted over the API
 * sends nothing more: the next MAIL FROM in the same session is answered 421 and the session ends.
 */
@ExtendWith(RelayExtension.class)
class CredentialRevocationIT {

    private static final String REVOKED = "421 4.7.0";

    private Relay relay;
    private ApiClient admin;
    private TestCredential credential;
    private String path;

    @BeforeEach
    void freshCredential(Relay relay) {
        this.relay = relay;
        admin = ApiClient.admin(relay);
        long account = admin.createAccount();
        credential = admin.createCredential(account);
        path = admin.firstCredentialPath(account);
    }

    @Test
    void aDisabledCredentialStopsSendingInItsOpenSession() throws IOException {
        try (RawSmtpClient client = loggedInAndSentOnce()) {
            expect(200, admin.patch(path, "{\"enabled\":false}"));
            expect(REVOKED, client.command("MAIL FROM:<" + Mails.uniqueSender() + ">"));
            assertTrue(client.isClosedByServer());
        }
    }

    @Test
    void aRotatedCredentialStopsSendingInItsOpenSessionAndTheNewPasswordWorks() throws IOException {
        String fresh;
        try (RawSmtpClient client = loggedInAndSentOnce()) {
            fresh = ApiClient.object(expect(200, admin.post(path + "/rotate", ""))).getString("password");
            expect(REVOKED, client.command("MAIL FROM:<" + Mails.uniqueSender() + ">"));
            assertTrue(client.isClosedByServer());
        }
        relay.submit(new TestCredential(credential.accountId(), credential.username(), fresh), Mails.uniqueSender(),
                Mails.simple("a@example.org", "b@example.net", "after rotation"), "b@example.net");
    }

    @Test
    void aDeletedCredentialStopsSendingInItsOpenSession() throws IOException {
        try (RawSmtpClient client = loggedInAndSentOnce()) {
            expect(204, admin.delete(path));
            expect(REVOKED, client.command("MAIL FROM:<" + Mails.uniqueSender() + ">"));
            assertTrue(client.isClosedByServer());
        }
    }

    /** Logged in, one message accepted; the session stays open. */
    private RawSmtpClient loggedInAndSentOnce() throws IOException {
        RawSmtpClient client = new RawSmtpClient(relay.submissionPort());
        String sender = Mails.uniqueSender();
        client.login(credential.username(), credential.password());
        client.startData(sender, "b@example.net");
        client.write(Mails.dotStuffed(Mails.simple(sender, "b@example.net", "before the change")));
        expect("250", client.command("."));
        return client;
    }
}
