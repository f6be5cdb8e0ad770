package org.smtpeter.delivery.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smtpeter.testing.RawSmtpClient.expect;

import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smtpeter.testing.ApiClient;
import org.smtpeter.testing.Mails;
import org.smtpeter.testing.RawSmtpClient;
import org.smtpeter.testing.Relay;
import org.smtpeter.testing.RelayExtension;
import org.smtpeter.testing.SmtpSink;
import org.smtpeter.testing.TestCredential;

/** Mail out, through the smart host: what arrives at a real SMTP server, retries, and notifications. */
@ExtendWith(RelayExtension.class)
class DeliveryIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void arrivesWithReceivedHeaderWithoutSmtpeterHeadersAndWithTheBodyUntouched(Relay relay) throws Exception {
        String sender = Mails.uniqueSender();
        String recipient = unique("someone", "example.net");
        byte[] raw = Mails.simple(sender, recipient, "out");
        String id = relay.submit(sender, raw, recipient);

        SmtpSink.Received arrived = relay.sink().awaitFor(recipient, WAIT);

        assertTrue(arrived.mailFrom().matches("b-[a-z2-9]{20}@bounces\\.relay\\.test"),
                "bounce tracking gives each copy its own envelope sender: " + arrived.mailFrom());
        String text = arrived.text();
        assertTrue(text.contains("\r\nFrom: <" + sender + ">\r\n"), "the original sender stays in the headers");
        assertTrue(text.startsWith("Received: from client.test ([127.0.0.1])\r\n\tby relay.test (SMTPeter relay) with ESMTPSA"), text);
        assertTrue(text.contains("id " + id + ";"), text);
        assertFalse(text.toLowerCase(Locale.ROOT).contains("x-smtpeter"), text);
        assertTrue(text.contains("\r\nMessage-ID: <" + id + "@relay.test>\r\n"), text);
        assertTrue(text.contains("\r\nDate: "), text);
        assertArrayEquals(body(raw), body(arrived.data()), "the body must arrive byte for byte");

        // Recorded just after the sink has the message: wait for the attempt, then read both.
        JsonObject attempt = awaitAttempts(relay, id, 1).getJsonObject(0);
        assertEquals("delivered", single(relay, "/api/v1/deliveries?message=" + id).getString("state"));
        assertEquals("delivered", attempt.getString("outcome"));
        assertEquals(250, attempt.getInt("code"));
        assertEquals("127.0.0.1", attempt.getString("remoteIp"));
    }

    @Test
    void recipientsOfOneDomainShareOneTransaction(Relay relay) throws Exception {
        String sender = Mails.uniqueSender();
        String first = unique("first", "shared.example");
        String second = unique("second", "shared.example");
        byte[] withoutBounceTracking = ("X-SMTPeter-TrackBounces: false\r\n"
                + new String(Mails.simple(sender, first, "two at once"), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        relay.submit(sender, withoutBounceTracking, first, second);

        SmtpSink.Received arrived = relay.sink().awaitFor(first, WAIT);

        assertEquals(List.of(first, second), arrived.recipients());
        assertEquals(sender, arrived.mailFrom(), "without bounce tracking the envelope sender is the customer's");
        assertEquals(1, relay.sink().receivedFor(second).size());
    }

    @Test
    void temporaryFailureIsRetried(Relay relay) throws Exception {
        String sender = Mails.uniqueSender();
        String recipient = unique("tempfail-once", "example.net");
        String id = relay.submit(sender, Mails.simple(sender, recipient, "greylisted"), recipient);

        relay.sink().awaitFor(recipient, WAIT);

        JsonArray attempts = awaitAttempts(relay, id, 2);
        assertEquals("delivered", attempts.getJsonObject(0).getString("outcome"));
        assertEquals("deferred", attempts.getJsonObject(1).getString("outcome"));
        assertEquals(450, attempts.getJsonObject(1).getInt("code"));
        assertEquals("4.2.0", attempts.getJsonObject(1).getString("enhancedCode"));
    }

    @Test
    void connectionDroppedMidDataIsRetriedAndDeliveredOnce(Relay relay) throws Exception {
        String sender = Mails.uniqueSender();
        String recipient = unique("drop-once", "example.net");
        String id = relay.submit(sender, Mails.simple(sender, recipient, "dropped"), recipient);

        relay.sink().awaitFor(recipient, WAIT);

        Thread.sleep(2000);
        assertEquals(1, relay.sink().receivedFor(recipient).size());
        JsonArray attempts = awaitAttempts(relay, id, 2);
        assertEquals("deferred", attempts.getJsonObject(1).getString("outcome"));
        assertEquals("4.4.2", attempts.getJsonObject(1).getString("enhancedCode"));
    }

    @Test
    void oneRefusedRecipientOfTwoGetsAFailureNoticeBackToTheSender(Relay relay) throws Exception {
        String sender = Mails.uniqueSender();
        String good = unique("good", "example.net");
        String refused = unique("reject", "example.net");
        String id = relay.submit(sender, Mails.simple(sender, good, "half refused"), good, refused);

        relay.sink().awaitFor(good, WAIT);
        SmtpSink.Received notice = relay.sink().awaitFor(sender, WAIT);

        assertEquals("", notice.mailFrom(), "notifications use the null sender");
        String text = notice.text();
        assertTrue(text.contains("Content-Type: multipart/report; report-type=delivery-status;"), text);
        assertTrue(text.contains("Final-Recipient: rfc822; " + refused + "\r\nAction: failed\r\nStatus: 5.1.1\r\n"), text);
        assertTrue(text.contains("Diagnostic-Code: smtp; 550 5.1.1 <" + refused + ">: Recipient address rejected"), text);
        assertTrue(text.contains("Content-Type: text/rfc822-headers\r\n\r\n"), text);
        assertTrue(text.contains("Subject: half refused\r\n"), text);
        assertFalse(text.contains("Final-Recipient: rfc822; " + good), "the delivered recipient is not reported");
        assertEquals("failed", relay.get("/api/v1/deliveries?message=" + id + "&recipient=" + refused, 200).body()
                .replaceAll(".*\"state\":\"([a-z]+)\".*", "$1"));
    }

    @Test
    void notifySuccessReturnsTheFullMessageWithEnvelopeIdAndOriginalRecipient(Relay relay) throws Exception {
        TestCredential credential = relay.newCredential();
        String sender = Mails.uniqueSender();
        String recipient = unique("success", "example.net");
        byte[] raw = Mails.simple(sender, recipient, "tell me when it is there");
        try (RawSmtpClient client = new RawSmtpClient(relay.submissionPort())) {
            client.login(credential.username(), credential.password());
            expect("250", client.command("MAIL FROM:<" + sender + "> RET=FULL ENVID=order+2B42"));
            expect("250", client.command("RCPT TO:<" + recipient + "> NOTIFY=SUCCESS ORCPT=rfc822;shop+2Bcustomer@example.net"));
            expect("354", client.command("DATA"));
            client.write(Mails.dotStuffed(raw));
            expect("250", client.command("."));
        }

        String text = relay.sink().awaitFor(sender, WAIT).text();

        assertTrue(text.contains("Original-Envelope-Id: order+2B42\r\n"), text);
        assertTrue(text.contains("Original-Recipient: rfc822;shop+2Bcustomer@example.net\r\n"
                + "Final-Recipient: rfc822; " + recipient + "\r\nAction: delivered\r\nStatus: 2.0.0\r\n"), text);
        assertTrue(text.contains("Content-Type: message/rfc822\r\n\r\n"), text);
        assertTrue(text.contains("last line\r\n"), "RET=FULL returns the body too: " + text);
    }

    @Test
    void operatorsCanRetryAndCancelDeferredDeliveries(Relay relay) throws Exception {
        String sender = Mails.uniqueSender();
        String held = unique("hold", "example.net");
        String id = relay.submit(sender, Mails.simple(sender, held, "held"), held);
        awaitAttempts(relay, id, 1);
        JsonObject deferred = single(relay, "/api/v1/deliveries?state=deferred&message=" + id);
        long deliveryId = deferred.getJsonNumber("id").longValue();

        relay.sink().release(held);
        HttpResponseAssert.status(200, relay, "/api/v1/deliveries/" + deliveryId + "/retry");
        relay.sink().awaitFor(held, WAIT);

        HttpResponseAssert.status(409, relay, "/api/v1/deliveries/" + deliveryId + "/cancel");
        HttpResponseAssert.status(404, relay, "/api/v1/deliveries/999999999/retry");

        String other = unique("hold", "example.net");
        String otherId = relay.submit(sender, Mails.simple(sender, other, "to be cancelled"), other);
        awaitAttempts(relay, otherId, 1);
        long otherDelivery = single(relay, "/api/v1/deliveries?message=" + otherId).getJsonNumber("id").longValue();
        HttpResponseAssert.status(200, relay, "/api/v1/deliveries/" + otherDelivery + "/cancel");
        relay.sink().release(other);
        Thread.sleep(3000);
        assertTrue(relay.sink().receivedFor(other).isEmpty(), "a cancelled delivery is never sent");
        assertEquals("cancelled", single(relay, "/api/v1/deliveries?message=" + otherId).getString("state"));
    }

    @Test
    void anAddressSuppressedWhileItsMailWaitsIsNotSentAndTheRestOfTheShareIs(Relay relay) throws Exception {
        TestCredential credential = relay.newCredential();
        String sender = Mails.uniqueSender();
        String kept = unique("hold", "example.net");
        String suppressed = unique("hold", "example.net");
        String keptId = relay.submit(credential, sender, Mails.simple(sender, kept, "kept"), kept);
        String suppressedId = relay.submit(credential, sender, Mails.simple(sender, suppressed, "suppressed meanwhile"),
                suppressed);
        awaitAttempts(relay, keptId, 1);
        awaitAttempts(relay, suppressedId, 1);
        ApiClient.expect(201, ApiClient.admin(relay).post("/api/v1/accounts/" + credential.accountId() + "/suppressions",
                "{\"address\":\"" + suppressed + "\"}"));

        relay.sink().release(kept);
        relay.sink().release(suppressed);
        for (String id : List.of(suppressedId, keptId)) {
            long delivery = single(relay, "/api/v1/deliveries?message=" + id).getJsonNumber("id").longValue();
            HttpResponseAssert.status(200, relay, "/api/v1/deliveries/" + delivery + "/retry");
        }
        relay.sink().awaitFor(kept, WAIT);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!single(relay, "/api/v1/deliveries?message=" + suppressedId).getString("state").equals("suppressed")
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals("suppressed", single(relay, "/api/v1/deliveries?message=" + suppressedId).getString("state"));
        assertTrue(relay.sink().receivedFor(suppressed).isEmpty(), "an address suppressed meanwhile gets nothing");
    }

    @Test
    void deferredMailIsDeliveredAfterARestart(Relay relay) throws Exception {
        String sender = Mails.uniqueSender();
        String held = unique("hold", "example.net");
        String id = relay.submit(sender, Mails.simple(sender, held, "survives restart"), held);
        awaitAttempts(relay, id, 1);

        relay.server().kill();
        relay.sink().release(held);
        relay.server().start();

        relay.sink().awaitFor(held, Duration.ofSeconds(60));
        awaitAttempts(relay, id, 2);
        assertEquals("delivered", single(relay, "/api/v1/deliveries?message=" + id).getString("state"));
    }

    @Test
    void mailThatCannotBeDeliveredInTimeFailsWithDelayAndFailureNotices(Relay relay) throws Exception {
        TestCredential credential = relay.newCredential();
        String sender = Mails.uniqueSender();
        String recipient = unique("tempfail-always", "example.net");
        try (RawSmtpClient client = new RawSmtpClient(relay.submissionPort())) {
            client.login(credential.username(), credential.password());
            expect("250", client.command("MAIL FROM:<" + sender + ">"));
            expect("250", client.command("RCPT TO:<" + recipient + "> NOTIFY=DELAY,FAILURE"));
            expect("354", client.command("DATA"));
            client.write(Mails.dotStuffed(Mails.simple(sender, recipient, "never arrives")));
            expect("250", client.command("."));
        }

        SmtpSink.Received delayed = relay.sink().awaitFor(sender, WAIT);
        assertTrue(delayed.text().contains("Action: delayed\r\nStatus: 4.2.0\r\n"), delayed.text());

        // The delivery time runs out: the next retry finds it expired.
        relay.server().clockOffset(Relay.MAX_DELIVERY_TIME);
        List<SmtpSink.Received> notices;
        try {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (relay.sink().receivedFor(sender).size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            notices = relay.sink().receivedFor(sender);
        } finally {
            relay.server().clockOffset(Duration.ZERO);
        }
        assertEquals(2, notices.size(), "one delay notice, then one failure notice");
        assertTrue(notices.get(1).text().contains("Action: failed\r\nStatus: 4.4.7\r\n"), notices.get(1).text());
    }

    private static JsonArray awaitAttempts(Relay relay, String messageId, int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonArray attempts;
        do {
            attempts = array(relay, "/api/v1/attempts?message=" + messageId);
            if (attempts.size() >= count) {
                return attempts;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("expected " + count + " attempts for " + messageId + ", got " + attempts);
    }

    private static JsonObject single(Relay relay, String path) {
        JsonArray array = array(relay, path);
        assertEquals(1, array.size(), path + " -> " + array);
        return array.getJsonObject(0);
    }

    private static JsonArray array(Relay relay, String path) {
        return Json.createReader(new StringReader(relay.get(path, 200).body())).readArray();
    }

    private static String unique(String prefix, String domain) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@" + domain;
    }

    private static byte[] body(byte[] message) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        int start = text.indexOf("\r\n\r\n") + 4;
        return Arrays.copyOfRange(message, start, message.length);
    }

    /** POSTs without a body and checks the status. */
    private static final class HttpResponseAssert {
        static void status(int expected, Relay relay, String path) {
            var response = relay.request(HttpRequest.newBuilder(relay.uri(path))
                    .header("Authorization", "Bearer " + relay.adminToken())
                    .POST(HttpRequest.BodyPublishers.noBody()));
            assertEquals(expected, response.statusCode(), path + " -> " + response.body());
        }
    }
}
