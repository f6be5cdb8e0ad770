package org.smtpeter.bounces.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smtpeter.bounces.boundary.BouncePath.WAIT;
import static org.smtpeter.bounces.boundary.BouncePath.array;
import static org.smtpeter.bounces.boundary.BouncePath.awaitState;
import static org.smtpeter.bounces.boundary.BouncePath.unique;
import static org.smtpeter.testing.RawSmtpClient.expect;

import java.net.http.HttpRequest;
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
import org.smtpeter.testing.TestCredential;

/**
 * Bounce tracking end to end: a copy leaves with its VERP sender, the sink accepts it, and later
 * a remote MTA sends a bounce for it to that address on the port-25 role, without AUTH.
 */
@ExtendWith(RelayExtension.class)
class BounceTrackingIT {

    @Test
    void aLateHardBounceIsRecordedSuppressesTheRecipientAndIsForwarded(Relay relay) throws Exception {
        TestCredential credential = relay.newCredential();
        String sender = Mails.uniqueSender();
        String recipient = unique("gone");
        String id = relay.submit(credential, sender, Mails.simple(sender, recipient, "will bounce later"), recipient);
        String verp = relay.sink().awaitFor(recipient, WAIT).mailFrom();

        expect("250", BouncePath.send(relay, verp, dsn(recipient, "5.1.1", "550 5.1.1 <" + recipient + ">: User unknown")));

        JsonObject bounce = single(relay, "/api/v1/bounces?message=" + id);
        assertEquals(recipient, bounce.getString("recipient"));
        assertEquals("failure", bounce.getString("bucket"));
        assertEquals("hard", bounce.getString("hardness"));
        assertEquals("5.1.1", bounce.getString("status"));
        JsonArray suppressed = array(relay, "/api/v1/accounts/" + credential.accountId() + "/suppressions");
        assertEquals(recipient, suppressed.getJsonObject(0).getString("address"));
        assertEquals("hard-bounce", suppressed.getJsonObject(0).getString("reason"));

        // Passed on inside the relay's own notice, the DSN attached as it came.
        SmtpSink.Received forwarded = relay.sink().awaitFor(sender, WAIT);
        assertEquals("", forwarded.mailFrom(), "forwarded with the null sender");
        MimeMessage notice = Mails.parse(Session.getInstance(new Properties()), forwarded.data());
        assertEquals("MAILER-DAEMON@relay.test", ((InternetAddress) notice.getFrom()[0]).getAddress());
        assertEquals("Undelivered mail returned for message " + id + ": will bounce later", notice.getSubject());
        assertTrue(((MimeMultipart) notice.getContent()).getBodyPart(1).isMimeType("message/rfc822"));
        assertTrue(forwarded.text().contains("Status: 5.1.1"), forwarded.text());
        assertEquals("forwarded", bounce.getString("forwarding"));

        // Later mail from the same account to that recipient is not sent, and says why.
        String later = relay.submit(credential, sender, Mails.simple(sender, recipient, "again"), recipient);
        JsonObject delivery = awaitState(relay, later, "suppressed");
        assertTrue(delivery.getString("lastReply").contains("suppression list"), delivery.toString());

        // Until an operator removes the entry.
        long entry = suppressed.getJsonObject(0).getJsonNumber("id").longValue();
        assertEquals(204, relay.request(HttpRequest.newBuilder(relay.uri("/api/v1/accounts/" + credential.accountId()
                + "/suppressions/" + entry)).header("Authorization", "Bearer " + relay.adminToken()).DELETE()).statusCode());
        String third = relay.submit(credential, sender, Mails.simple(sender, recipient, "third"), recipient);
        awaitState(relay, third, "delivered");
    }

    @Test
    void mailQueuedBeforeASuppressionIsNotSentAfterIt(Relay relay) throws Exception {
        TestCredential credential = relay.newCredential();
        String sender = Mails.uniqueSender();
        String held = unique("hold");
        String id = relay.submit(credential, sender, Mails.simple(sender, held, "deferred first"), held);
        JsonObject deferred = awaitState(relay, id, "deferred");

        assertEquals(201, relay.request(HttpRequest.newBuilder(relay.uri("/api/v1/accounts/" + credential.accountId()
                        + "/suppressions")).header("Authorization", "Bearer " + relay.adminToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"address\":\"" + held + "\"}"))).statusCode());
        relay.sink().release(held);
        assertEquals(200, relay.request(HttpRequest.newBuilder(relay.uri("/api/v1/deliveries/"
                + deferred.getJsonNumber("id").longValue() + "/retry")).header("Authorization", "Bearer " + relay.adminToken())
                .POST(HttpRequest.BodyPublishers.noBody())).statusCode());

        awaitState(relay, id, "suppressed");
        Thread.sleep(1000);
        assertTrue(relay.sink().receivedFor(held).isEmpty(), "suppressed after queueing: still not sent");
    }

    @Test
    void forgedAndTamperedBounceAddressesAreRefused(Relay relay) throws Exception {
        String sender = Mails.uniqueSender();
        String recipient = unique("real");
        relay.submit(sender, Mails.simple(sender, recipient, "real"), recipient);
        String verp = relay.sink().awaitFor(recipient, WAIT).mailFrom();
        char first = verp.charAt(2);
        String tampered = "b-" + (first == 'a' ? 'b' : 'a') + verp.substring(3);

        try (RawSmtpClient mta = BouncePath.mta(relay, null)) {
            expect("250", mta.command("MAIL FROM:<>"));
            expect("550 5.1.1", mta.command("RCPT TO:<" + tampered + ">"));
            expect("550 5.1.1", mta.command("RCPT TO:<b-aaaaaaaaaaaaaaaaaaaa@bounces.relay.test>"));
            expect("554 5.7.1", mta.command("RCPT TO:<someone@example.net>"));
            expect("250", mta.command("RCPT TO:<" + verp.toUpperCase(java.util.Locale.ROOT) + ">"));
        }
        try (RawSmtpClient submission = new RawSmtpClient(relay.submissionPort())) {
            expect("220", submission.reply());
            expect("250", submission.command("EHLO mx.remote.example"));
            expect("250", submission.command("MAIL FROM:<>"));
            expect("530 5.7.0", submission.command("RCPT TO:<" + verp + ">"));
        }
    }

    @Test
    void aComplaintSuppressesAndAnAutoReplyDoesNot(Relay relay) throws Exception {
        TestCredential credential = relay.newCredential();
        String sender = Mails.uniqueSender();
        String angry = unique("angry");
        String away = unique("away");
        String id = relay.submit(credential, sender, Mails.simple(sender, angry, "newsletter"), angry, away);
        String angryVerp = relay.sink().awaitFor(angry, WAIT).mailFrom();
        String awayVerp = relay.sink().awaitFor(away, WAIT).mailFrom();

        expect("250", BouncePath.send(relay, angryVerp, complaint(angry)));
        expect("250", BouncePath.send(relay, awayVerp, outOfOffice(away)));

        JsonObject complaint = single(relay, "/api/v1/complaints?message=" + id);
        assertEquals(angry, complaint.getString("recipient"));
        JsonObject reply = single(relay, "/api/v1/bounces?message=" + id);
        assertEquals(away, reply.getString("recipient"));
        assertEquals("response", reply.getString("bucket"));
        JsonArray suppressed = array(relay, "/api/v1/accounts/" + credential.accountId() + "/suppressions");
        assertEquals(1, suppressed.size(), suppressed.toString());
        assertEquals("complaint", suppressed.getJsonObject(0).getString("reason"));
    }

    /** A delivery status notification as Postfix writes one. */
    private static String dsn(String recipient, String status, String diagnostic) {
        return "From: MAILER-DAEMON@mx.remote.example (Mail Delivery System)\r\n"
                + "To: bounces@relay.test\r\nSubject: Undelivered Mail Returned to Sender\r\n"
                + "Auto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"R\"\r\n\r\n"
                + "--R\r\nContent-Type: text/plain\r\n\r\nI'm sorry to have to inform you that your message could not\r\n"
                + "be delivered to one or more recipients.\r\n\r\n"
                + "--R\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.remote.example\r\n\r\n"
                + "Final-Recipient: rfc822; " + recipient + "\r\nAction: failed\r\nStatus: " + status + "\r\n"
                + "Diagnostic-Code: smtp; " + diagnostic + "\r\n\r\n"
                + "--R\r\nContent-Type: text/rfc822-headers\r\n\r\nSubject: will bounce later\r\n\r\n--R--\r\n";
    }

    /** An RFC 5965 abuse report as a mailbox provider sends one. */
    private static String complaint(String recipient) {
        return "From: feedback@provider.example\r\nTo: bounces@relay.test\r\nSubject: Abuse report\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=feedback-report; boundary=\"F\"\r\n\r\n"
                + "--F\r\nContent-Type: text/plain\r\n\r\nThis is an email abuse report.\r\n\r\n"
                + "--F\r\nContent-Type: message/feedback-report\r\n\r\nFeedback-Type: abuse\r\nUser-Agent: ProviderFBL/1.0\r\n"
                + "Version: 1\r\nOriginal-Rcpt-To: <" + recipient + ">\r\n\r\n"
                + "--F\r\nContent-Type: text/rfc822-headers\r\n\r\nTo: <" + recipient + ">\r\nSubject: newsletter\r\n\r\n--F--\r\n";
    }

    private static String outOfOffice(String recipient) {
        return "From: <" + recipient + ">\r\nTo: bounces@relay.test\r\nSubject: Out of Office: newsletter\r\n"
                + "Auto-Submitted: auto-replied\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
                + "I am out of the office until Monday and will read your message then.\r\n";
    }

    private static JsonObject single(Relay relay, String path) {
        JsonArray array = array(relay, path);
        assertEquals(1, array.size(), path + " -> " + array);
        return array.getJsonObject(0);
    }
}
