package org.smtpeter.credentials.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.smtpeter.testing.ApiClient.await;
import static org.smtpeter.testing.ApiClient.expect;
import static org.smtpeter.testing.ApiClient.expectError;

import java.time.Duration;
import java.util.UUID;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smtpeter.testing.ApiClient;
import org.smtpeter.testing.Mails;
import org.smtpeter.testing.Relay;
import org.smtpeter.testing.RelayExtension;
import org.smtpeter.testing.TestCredential;

/** Deleting an account: its logins and tokens go, its mail stays as history, its queue stops. */
@ExtendWith(RelayExtension.class)
class AccountDeletionIT {

    @Test
    void deletingAnAccountRemovesItsAccessKeepsItsMessagesAndCancelsItsQueue(Relay relay) throws Exception {
        ApiClient admin = ApiClient.admin(relay);
        long account = admin.createAccount();
        TestCredential credential = admin.createCredential(account);
        ApiClient token = ApiClient.withToken(relay, admin.issueToken(account));
        expect(201, admin.post("/api/v1/accounts/" + account + "/suppressions", "{\"address\":\"gone@example.net\"}"));
        String sender = Mails.uniqueSender();
        String held = "hold-" + UUID.randomUUID() + "@example.net";
        String id = relay.submit(credential, sender, Mails.simple(sender, held, "waiting"), held);
        long delivery = await(() -> admin.array("/api/v1/deliveries?state=deferred&message=" + id),
                list -> !list.isEmpty(), Duration.ofSeconds(20), "the deferral").getJsonObject(0)
                .getJsonNumber("id").longValue();

        expect(204, admin.delete("/api/v1/accounts/" + account));

        expectError(404, admin.get("/api/v1/accounts/" + account));
        expectError(404, admin.delete("/api/v1/accounts/" + account));
        expectError(401, token.get("/api/v1/messages"));
        expectError(404, admin.get("/api/v1/accounts/" + account + "/suppressions"));
        JsonObject message = admin.object("/api/v1/messages/" + id);
        assertEquals(credential.username(), message.getString("credential"), "history keeps the sender");
        assertFalse(message.containsKey("account") && !message.isNull("account"), message.toString());
        assertEquals("cancelled", admin.object("/api/v1/deliveries/" + delivery).getString("state"));
        relay.sink().release(held);
    }
}
