package org.smtpeter.bounces.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smtpeter.bounces.boundary.BouncePath.WAIT;
import static org.smtpeter.bounces.boundary.BouncePath.bounces;
import static org.smtpeter.testing.RawSmtpClient.expect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smtpeter.testing.Mails;
import org.smtpeter.testing.RawSmtpClient;
import org.smtpeter.testing.Relay;
import org.smtpeter.testing.RelayExtension;
import org.smtpeter.testing.SmtpSink;

/**
 * The attack on the bounce path: every recipient sees its copy's {@code Return-Path: <b-TOKEN@...>},
 * and may write to that address on the port-25 role without AUTH. With the default limits.
 */
@ExtendWith(RelayExtension.class)
class BounceAddressAbuseIT {

    private static final Session SESSION = Session.getInstance(new Properties());

    @Test
    void aForgedMessageReachesTheSenderOnlyInsideTheRelaysOwnNotice(Relay relay) throws Exception {
        BouncePath.Sent sent = BouncePath.sent(relay, "reader", "Spring sale");

        expect("250 2.0.0", BouncePath.send(relay, sent.verp(), phishing()));

        SmtpSink.Received forwarded = relay.sink().awaitFor(sent.sender(), WAIT);
        assertEquals("", forwarded.mailFrom(), "the null sender: a notice never causes another");
        String header = forwarded.text().substring(0, forwarded.text().indexOf("\r\n\r\n"));
        assertFalse(header.contains("IT desk") || header.contains("phish.example"), header);
        MimeMessage notice = Mails.parse(SESSION, forwarded.data());
        assertEquals(new InternetAddress("MAILER-DAEMON@relay.test", "Mail Delivery System"), notice.getFrom()[0]);
        assertEquals("Mail received at the bounce address for message " + sent.id() + ": Spring sale", notice.getSubject());
        MimeMultipart parts = (MimeMultipart) notice.getContent();
        assertTrue(((String) parts.getBodyPart(0).getContent()).contains("were not checked"));
        assertTrue(parts.getBodyPart(1).isMimeType("message/rfc822"), parts.getBodyPart(1).getContentType());
        MimeMessage attached = (MimeMessage) parts.getBodyPart(1).getContent();
        assertEquals("\"IT desk\" <it@customer.example>", attached.getHeader("From", null));
        assertEquals("forwarded", bounces(relay, sent.id()).getJsonObject(0).getString("forwarding"));
    }

    @Test
    void aBounceAddressForwardsAFewTakesAFewMoreAndThenAsksToWait(Relay relay) throws Exception {
        BouncePath.Sent sent = BouncePath.sent(relay, "reused", "reused token");
        String verp = sent.verp();

        for (int i = 0; i < 4; i++) {
            expect("250", BouncePath.send(relay, verp, phishing()));
        }

        JsonArray recorded = bounces(relay, sent.id());
        assertEquals(4, recorded.size(), recorded.toString());
        assertEquals(3, count(recorded, "forwarded"), "smtpeter.bounces.rate.forwards-per-address: " + recorded);
        assertEquals(1, count(recorded, "over-limit"), recorded.toString());
        awaitNotices(relay, sent.sender(), 3);
        try (RawSmtpClient mta = BouncePath.mta(relay, null)) {
            for (int i = 4; i < 10; i++) { // smtpeter.bounces.rate.per-address: 10 an hour
                expect("250", mta.command("MAIL FROM:<>"));
                expect("250", mta.command("RCPT TO:<" + verp + ">"));
                expect("250", mta.command("RSET"));
            }
            expect("250", mta.command("MAIL FROM:<>"));
            expect("450 4.7.1", mta.command("RCPT TO:<" + verp + ">"));
        }
    }

    @Test
    void theBouncePathTakesOnlySmallMessages(Relay relay) throws Exception {
        BouncePath.Sent sent = BouncePath.sent(relay, "large", "size");
        String verp = sent.verp();
        int overBounceLimit = 1024 * 1024 + 1; // below the submission limit of the test server

        try (RawSmtpClient mta = BouncePath.mta(relay, null)) {
            expect("250", mta.command("MAIL FROM:<> SIZE=" + overBounceLimit));
            expect("552 5.3.4", mta.command("RCPT TO:<" + verp + ">"));
            expect("250", mta.command("RSET"));

            expect("250", mta.command("MAIL FROM:<>"));
            expect("250", mta.command("RCPT TO:<" + verp + ">"));
            expect("354", mta.command("DATA"));
            mta.write(Mails.dotStuffed(Mails.ofSize("postmaster@remote.example", verp, overBounceLimit)));
            expect("552 5.3.4", mta.command("."));

            expect("250", mta.command("MAIL FROM:<>"));
            expect("250", mta.command("RCPT TO:<" + verp + ">"));
            expect("354", mta.command("DATA"));
            mta.write(Mails.dotStuffed(phishing().getBytes(StandardCharsets.US_ASCII)));
            expect("250", mta.command("."));
        }
        assertEquals(1, bounces(relay, sent.id()).size(), "only the small one was stored");
    }

    private static long count(JsonArray bounces, String forwarding) {
        return bounces.stream().map(JsonObject.class::cast).filter(b -> forwarding.equals(b.getString("forwarding"))).count();
    }

    private static void awaitNotices(Relay relay, String sender, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (relay.sink().receivedFor(sender).size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(expected, relay.sink().receivedFor(sender).size());
    }

    /** From the same fixture as the unit test: a phishing message in the name of the customer's IT desk. */
    static String phishing() throws IOException {
        try (InputStream in = BounceAddressAbuseIT.class.getResourceAsStream("/bounce-notices/phishing-as-it-desk.eml")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
