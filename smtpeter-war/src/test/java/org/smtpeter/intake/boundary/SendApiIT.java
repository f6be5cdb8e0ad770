package org.smtpeter.intake.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smtpeter.testing.ApiClient.expect;
import static org.smtpeter.testing.ApiClient.expectError;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;

import jakarta.json.JsonObject;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smtpeter.testing.ApiClient;
import org.smtpeter.testing.Relay;
import org.smtpeter.testing.RelayExtension;
import org.smtpeter.testing.SmtpSink;
import org.smtpeter.testing.TestCredential;

/**
 * Sending over HTTP ({@code POST /api/v1/messages}): a JSON message the relay composes and a raw
 * one arrive at the sink like mail that came by SMTP, with the features applied; an
 * Idempotency-Key makes a retry return the first answer; account tokens send only as their own
 * credentials; what cannot be sent is refused with a reason and nothing is stored.
 */
@ExtendWith(RelayExtension.class)
class SendApiIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final byte[] PDF = "%PDF-1.4 pretend".getBytes(StandardCharsets.US_ASCII);

    @Test
    void aJsonMessageIsComposedQueuedAndDeliveredWithItsFeatures(Relay relay) throws Exception {
        ApiClient admin = ApiClient.admin(relay);
        long account = admin.createAccount();
        TestCredential credential = admin.createCredential(account);
        ApiClient token = ApiClient.withToken(relay, admin.issueToken(account));
        String to = "api-to-" + UUID.randomUUID() + "@example.net";
        String cc = "api-cc-" + UUID.randomUUID() + "@example.net";
        String bcc = "api-bcc-" + UUID.randomUUID() + "@example.net";

        JsonObject queued = ApiClient.object(expect(202, token.post("/api/v1/messages", "{"
                + "\"credential\":\"" + credential.username() + "\","
                + "\"from\":\"Shop <shop@it.example.org>\",\"to\":[\"" + to + "\"],\"cc\":[\"" + cc + "\"],"
                + "\"bcc\":[\"" + bcc + "\"],\"replyTo\":\"help@it.example.org\",\"subject\":\"Grüße vom Shop\","
                + "\"text\":\"Our sale: https://shop.example.com/sale\","
                + "\"html\":\"<html><head><style>p { color: red }</style></head><body><p>Our <a href=\\\"https://shop.example.com/sale\\\">sale</a></p></body></html>\","
                + "\"attachments\":[{\"filename\":\"terms.pdf\",\"contentType\":\"application/pdf\",\"content\":\""
                + Base64.getEncoder().encodeToString(PDF) + "\"}],"
                + "\"headers\":{\"X-Campaign\":\"spring-7\"},\"tags\":[\"spring\",\"api\"],"
                + "\"features\":{\"inlineCss\":true,\"trackClicks\":true}}")));

        String id = queued.getString("id");
        assertFalse(queued.getBoolean("replayed"));
        assertEquals(3, queued.getJsonArray("recipients").size(), queued.toString());
        SmtpSink.Received arrived = relay.sink().awaitFor(to, TIMEOUT);
        relay.sink().awaitFor(bcc, TIMEOUT);
        relay.sink().awaitFor(cc, TIMEOUT);
        MimeMessage message = new MimeMessage(Session.getInstance(new java.util.Properties()),
                new java.io.ByteArrayInputStream(arrived.data()));
        String text = arrived.text();
        assertEquals("Grüße vom Shop", message.getSubject());
        assertEquals("Shop <shop@it.example.org>", message.getHeader("From", null));
        assertEquals(to, message.getHeader("To", null));
        assertEquals(cc, message.getHeader("Cc", null));
        assertEquals(null, message.getHeader("Bcc"), "Bcc only in the envelope");
        assertEquals("spring-7", message.getHeader("X-Campaign", null));
        assertFalse(text.toLowerCase(Locale.ROOT).contains("x-smtpeter-"), text);
        assertTrue(text.contains(relay.server().trackingBaseUrl() + "/t/c/"), "click tracking on:\n" + text);
        assertTrue(text.contains("<p style=\"color: red;\">"), "CSS inlined:\n" + text);
        MimeMultipart mixed = (MimeMultipart) message.getContent();
        assertEquals(2, mixed.getCount());
        assertTrue(mixed.getBodyPart(0).isMimeType("multipart/alternative"));
        assertEquals("terms.pdf", mixed.getBodyPart(1).getFileName());
        assertEquals(new String(PDF, StandardCharsets.US_ASCII),
                new String(mixed.getBodyPart(1).getInputStream().readAllBytes(), StandardCharsets.US_ASCII));

        JsonObject logged = token.object("/api/v1/messages/" + id);
        assertEquals("api", logged.getString("listener"));
        assertEquals(credential.username(), logged.getString("credential"));
        assertEquals("shop@it.example.org", logged.getString("sender"));
        assertEquals("[\"spring\",\"api\"]", logged.getJsonArray("tags").toString());
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyGetsTheFirstAnswerAndSendsOnce(Relay relay) throws Exception {
        ApiClient admin = ApiClient.admin(relay);
        TestCredential credential = admin.createCredential(admin.createAccount());
        String to = "api-once-" + UUID.randomUUID() + "@example.net";
        String key = UUID.randomUUID().toString();
        byte[] json = simple(credential, to, "once").getBytes(StandardCharsets.UTF_8);

        JsonObject first = ApiClient.object(expect(202, admin.post("/api/v1/messages", "application/json", json,
                "Idempotency-Key", key)));
        JsonObject retry = ApiClient.object(expect(202, admin.post("/api/v1/messages", "application/json", json,
                "Idempotency-Key", key)));

        assertEquals(first.getString("id"), retry.getString("id"));
        assertTrue(retry.getBoolean("replayed"));
        relay.sink().awaitFor(to, TIMEOUT);
        Thread.sleep(1_000);
        assertEquals(1, relay.sink().receivedFor(to).size(), "sent once");
        expectError(422, admin.post("/api/v1/messages", "application/json",
                simple(credential, to, "something else").getBytes(StandardCharsets.UTF_8), "Idempotency-Key", key));
    }

    @Test
    void aRawMessageGoesAsItCameWithTheEnvelopeFromTheQuery(Relay relay) throws Exception {
        ApiClient admin = ApiClient.admin(relay);
        TestCredential credential = admin.createCredential(admin.createAccount());
        String to = "api-raw-" + UUID.randomUUID() + "@example.net";
        String raw = "From: app@it.example.org\nTo: " + to + "\nSubject: raw over HTTP\nX-App: 1\n\nline one\nline two\n";

        JsonObject queued = ApiClient.object(expect(202, admin.post("/api/v1/messages?credential=" + credential.username()
                        + "&from=app@it.example.org&to=" + to, "message/rfc822", raw.getBytes(StandardCharsets.US_ASCII))));

        SmtpSink.Received arrived = relay.sink().awaitFor(to, TIMEOUT);
        assertTrue(arrived.text().contains("X-App: 1\r\n"), arrived.text());
        assertTrue(arrived.text().endsWith("\r\n\r\nline one\r\nline two\r\n"), "line ends made CRLF:\n" + arrived.text());
        assertEquals("api", admin.object("/api/v1/messages/" + queued.getString("id")).getString("listener"));
    }

    @Test
    void whatCannotBeSentIsRefusedWithAReasonAndNothingIsStored(Relay relay) {
        ApiClient admin = ApiClient.admin(relay);
        long accountA = admin.createAccount();
        TestCredential ownCredential = admin.createCredential(accountA);
        TestCredential otherCredential = admin.createCredential(admin.createAccount());
        ApiClient tokenA = ApiClient.withToken(relay, admin.issueToken(accountA));
        String to = "api-refused-" + UUID.randomUUID() + "@example.net";

        expectError(404, tokenA.post("/api/v1/messages", simple(otherCredential, to, "not mine")));
        expectError(404, tokenA.post("/api/v1/messages", simple(new TestCredential(0, "smtp-nosuchuser", ""), to, "x")));
        assertTrue(expectError(422, tokenA.post("/api/v1/messages", "{\"credential\":\"" + ownCredential.username()
                + "\",\"to\":[\"" + to + "\"],\"text\":\"no sender\"}")).getString("error").contains("from"));
        assertTrue(expectError(422, tokenA.post("/api/v1/messages", "{\"credential\":\"" + ownCredential.username()
                + "\",\"from\":\"a@it.example.org\",\"to\":[\"not an address\"],\"text\":\"x\"}"))
                .getString("error").contains("not a mail address"));
        assertTrue(expectError(422, tokenA.post("/api/v1/messages", "{\"credential\":\"" + ownCredential.username()
                + "\",\"from\":\"a@it.example.org\",\"to\":[\"" + to + "\"],\"text\":\"x\","
                + "\"headers\":{\"X-Evil\":\"a\\r\\nBcc: victim@example.net\"}}")).getString("error").contains("line break"));
        expectError(400, tokenA.post("/api/v1/messages", "{not json"));
        expectError(401, ApiClient.anonymous(relay).post("/api/v1/messages", simple(ownCredential, to, "anonymous")));
        HttpResponse<String> tooLarge = admin.post("/api/v1/messages?credential=" + ownCredential.username()
                + "&from=a@it.example.org&to=" + to, "message/rfc822", new byte[40 * 1024 * 1024]);
        expectError(413, tooLarge);
        assertEquals(0, relay.countMessagesFrom("a@it.example.org"), "nothing stored for refused requests");
        assertTrue(relay.sink().receivedFor(to).isEmpty());
    }

    private static String simple(TestCredential credential, String to, String text) {
        return "{\"credential\":\"" + credential.username() + "\",\"from\":\"api@it.example.org\",\"to\":[\"" + to
                + "\"],\"subject\":\"hello\",\"text\":\"" + text + "\"}";
    }
}
