package org.smtpeter.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smtpeter.testing.Mails;
import org.smtpeter.testing.PostfixInstance;
import org.smtpeter.testing.PostgreSql;
import org.smtpeter.testing.Relay;
import org.smtpeter.testing.RelayExtension;
import org.smtpeter.testing.SmtpSink;
import org.smtpeter.testing.TestCredential;

/**
 * Postfix in front of the relay, configured as docs/sending.md tells users to: a local program
 * hands mail to Postfix's sendmail, Postfix relays it with STARTTLS and AUTH to the relay's
 * submission port, and the relay applies the features and delivers it.
 */
@ExtendWith(RelayExtension.class)
class PostfixClientIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @BeforeAll
    static void postfixIsThere() {
        // Postfix meets the relay over SMTP only: the database behind it changes nothing, so the H2 pass is enough.
        Assumptions.assumeFalse(PostgreSql.inUse(), "tested in the H2 pass");
        Assumptions.assumeTrue(PostfixInstance.whyUnavailable().isEmpty(),
                () -> "Postfix cannot run here: " + PostfixInstance.whyUnavailable().orElseThrow());
    }

    @Test
    void mailFromSendmailArrivesThroughPostfixWithTheFeaturesApplied(Relay relay) throws Exception {
        TestCredential credential = relay.newCredential();
        String sender = Mails.uniqueSender();
        String recipient = "postfix-" + UUID.randomUUID() + "@example.net";
        try (PostfixInstance postfix = PostfixInstance.clientOf(instanceDir("client"), relay.submissionPort(),
                credential.username(), credential.password()).start()) {

            postfix.sendmail(sender, newsletter(sender, recipient), recipient);

            SmtpSink.Received arrived = relay.sink().awaitFor(recipient, TIMEOUT);
            String text = arrived.text();
            assertFalse(text.toLowerCase(Locale.ROOT).contains("x-smtpeter-"), "feature headers removed:\n" + text);
            assertTrue(text.contains(relay.server().trackingBaseUrl() + "/t/c/"), "the link is tracked:\n" + text);
            assertFalse(text.contains("href=\"https://shop.example.com/sale\""), text);
            assertTrue(text.contains("<h1 style=\"color: #c00;\">Sale</h1>"), "CSS inlined:\n" + text);
            assertTrue(text.contains("by client.postfix.test (Postfix"), "Postfix's Received header travels with it:\n" + text);

            List<String> sent = postfix.logLines("status=sent");
            assertEquals(1, sent.size(), String.join("\n", postfix.logLines("")));
            assertTrue(sent.get(0).contains("relay=127.0.0.1[127.0.0.1]:" + relay.submissionPort()), sent.get(0));
            assertTrue(sent.get(0).contains("250 2.0.0 OK: queued as "), sent.get(0));
            System.out.println("Postfix relayed through the relay: " + sent.get(0));
            JsonObject message = relay.messagesFrom(sender).getJsonObject(0);
            assertEquals(credential.username(), message.getString("credential"));
            assertTrue(message.getString("tlsProtocol").startsWith("TLSv1."), message.toString());
            assertTrue(postfix.queue().isEmpty(), "nothing left in Postfix's queue");
        }
    }

    @Test
    void aWrongPasswordLeavesTheMailDeferredInPostfixNotLost(Relay relay) throws Exception {
        TestCredential credential = relay.newCredential();
        String sender = Mails.uniqueSender();
        String recipient = "postfix-wrong-" + UUID.randomUUID() + "@example.net";
        try (PostfixInstance postfix = PostfixInstance.clientOf(instanceDir("wrong-password"), relay.submissionPort(),
                credential.username(), "not-" + credential.password()).start()) {

            postfix.sendmail(sender, newsletter(sender, recipient), recipient);

            JsonObject deferred = awaitDeferred(postfix);
            String reason = deferred.getJsonArray("recipients").getJsonObject(0).getString("delay_reason");
            assertTrue(reason.contains("535"), "the relay's refusal is the reason: " + reason);
            assertEquals(recipient, deferred.getJsonArray("recipients").getJsonObject(0).getString("address"));
            assertEquals(0, relay.countMessagesFrom(sender), "the relay took nothing");
            assertTrue(relay.sink().receivedFor(recipient).isEmpty());
        }
    }

    private static JsonObject awaitDeferred(PostfixInstance postfix) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            List<JsonObject> queue = postfix.queue();
            if (queue.size() == 1 && "deferred".equals(queue.get(0).getString("queue_name"))
                    && queue.get(0).getJsonArray("recipients").getJsonObject(0).containsKey("delay_reason")) {
                return queue.get(0);
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no deferred message in Postfix's queue within " + TIMEOUT + ": " + postfix.queue()
                + "\n" + String.join("\n", postfix.logLines("")));
    }

    private static byte[] newsletter(String sender, String recipient) {
        return String.join("\r\n",
                "From: " + sender,
                "To: " + recipient,
                "Subject: Sale through Postfix",
                "MIME-Version: 1.0",
                "X-SMTPeter-ClickTracking: true",
                "X-SMTPeter-InlinizeCss: true",
                "Content-Type: text/html; charset=UTF-8",
                "",
                "<html><head><style>h1 { color: #c00; }</style></head><body>",
                "<h1>Sale</h1><p><a href=\"https://shop.example.com/sale\">Shop now</a></p>",
                "</body></html>",
                "").getBytes(StandardCharsets.UTF_8);
    }

    private static Path instanceDir(String name) {
        return ExternalProcess.moduleDir().resolve("target/postfix-it/" + name);
    }
}
