package org.smtpeter.bounces.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.junit.jupiter.api.Test;
import org.smtpeter.delivery.entity.Delivery;
import org.smtpeter.messages.entity.EnvelopeRecipient;
import org.smtpeter.messages.entity.Message;

/** What the customer gets when something arrives at a bounce address: the relay's notice, the arrival attached. */
class BounceNoticeTest {

    private static final Instant SENT = Instant.parse("2026-03-02T09:00:00Z");
    private static final Session SESSION = Session.getInstance(new Properties());

    private final BounceParser parser = new BounceParser();

    @Test
    void aForgedMessageArrivesOnlyAsAnAttachmentToTheRelaysNotice() throws Exception {
        byte[] phishing = BounceCorpusTest.resource("/bounce-notices/phishing-as-it-desk.eml");

        MimeMessage notice = notice(delivery("Spring sale"), phishing);

        assertEquals(List.of(new InternetAddress("MAILER-DAEMON@relay.test", "Mail Delivery System")),
                List.of(notice.getFrom()));
        assertEquals("customer@shop.example", ((InternetAddress) notice.getRecipients(MimeMessage.RecipientType.TO)[0]).getAddress());
        assertEquals("Mail received at the bounce address for message ORIGINAL0000000000001: Spring sale",
                notice.getSubject());
        assertEquals("auto-generated", notice.getHeader("Auto-Submitted", null));
        assertEquals(null, notice.getHeader("Reply-To"), "nothing of the arrival's header at the top");
        MimeMultipart parts = (MimeMultipart) notice.getContent();
        assertEquals(2, parts.getCount());
        String text = (String) parts.getBodyPart(0).getContent();
        assertTrue(text.contains("ORIGINAL0000000000001"), text);
        assertTrue(text.contains("[203.0.113.66] (mx.attacker.example)"), text);
        assertTrue(text.contains("were not checked"), text);
        assertFalse(text.contains("phish.example"), "the arrival's words stay in the attachment: " + text);
        BodyPart attached = parts.getBodyPart(1);
        assertTrue(attached.isMimeType("message/rfc822"), attached.getContentType());
        assertEquals(BodyPart.ATTACHMENT, attached.getDisposition());
        assertArrayEquals(phishing, attachedBytes(attached));
    }

    @Test
    void aDsnSaysItIsUndeliveredMailAndKeepsItsStatusReadable() throws Exception {
        byte[] dsn = BounceCorpusTest.resource("/bounces/postfix-user-unknown.eml");

        MimeMessage notice = notice(delivery("Spring sale"), dsn);

        assertEquals("Undelivered mail returned for message ORIGINAL0000000000001: Spring sale", notice.getSubject());
        String text = (String) ((MimeMultipart) notice.getContent()).getBodyPart(0).getContent();
        assertTrue(text.contains("dsn failure (failure), status 5.1.1, hard"), text);
        assertArrayEquals(dsn, attachedBytes(((MimeMultipart) notice.getContent()).getBodyPart(1)));
    }

    @Test
    void eightBitArrivalsAndSubjectsAreDeclaredAsSuch() throws Exception {
        byte[] reply = BounceCorpusTest.resource("/bounce-notices/reply-8bit.eml");

        byte[] raw = compose(delivery("Grüße aus dem Shop"), reply);
        MimeMessage notice = new MimeMessage(SESSION, new ByteArrayInputStream(raw));

        assertEquals("Reply received for message ORIGINAL0000000000001: Grüße aus dem Shop", notice.getSubject());
        assertTrue(notice.getHeader("Subject", null).startsWith("=?UTF-8?"), "encoded: " + notice.getHeader("Subject", null));
        assertEquals("8bit", notice.getEncoding());
        BodyPart attached = ((MimeMultipart) notice.getContent()).getBodyPart(1);
        assertEquals("8bit", attached.getHeader("Content-Transfer-Encoding")[0]);
        assertArrayEquals(reply, attachedBytes(attached));
    }

    @Test
    void theCustomersSubjectCannotBreakTheHeader() throws Exception {
        MimeMessage notice = notice(delivery("Sale\r\nBcc: everyone@example.net"), "Subject: hi\r\n\r\nhi\r\n"
                .getBytes(StandardCharsets.US_ASCII));

        assertEquals(null, notice.getHeader("Bcc"));
        assertTrue(notice.getSubject().endsWith("Sale  Bcc: everyone@example.net"), notice.getSubject());
    }

    @Test
    void transferEncodingFollowsTheBytes() {
        assertEquals("7bit", BounceNotice.transferEncoding("Subject: a\r\n\r\nplain\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("8bit", BounceNotice.transferEncoding("Subject: a\r\n\r\nGrüße\r\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals("binary", BounceNotice.transferEncoding(("Subject: a\r\n\r\n" + "x".repeat(999) + "\r\n")
                .getBytes(StandardCharsets.US_ASCII)));
        assertEquals("7bit", BounceNotice.transferEncoding(("Subject: a\r\n\r\n" + "x".repeat(998) + "\r\n")
                .getBytes(StandardCharsets.US_ASCII)));
    }

    private MimeMessage notice(Delivery delivery, byte[] arrived) throws MessagingException {
        return new MimeMessage(SESSION, new ByteArrayInputStream(compose(delivery, arrived)));
    }

    private byte[] compose(Delivery delivery, byte[] arrived) {
        Message incoming = new Message("INCOMING000000000001", SENT.plusSeconds(3600), arrived.length);
        incoming.receivedFrom("mta", "203.0.113.66", "mx.attacker.example", null, null);
        incoming.envelope("", null, false, -1, null, null, List.of(new EnvelopeRecipient("b-x@bounces.relay.test", null, null)));
        return BounceNotice.compose("relay.test", delivery, incoming, parser.parse(arrived), arrived);
    }

    private static Delivery delivery(String subject) {
        Message original = new Message("ORIGINAL0000000000001", SENT, 100);
        original.titled(subject);
        original.envelope("customer@shop.example", null, false, -1, null, null,
                List.of(new EnvelopeRecipient("alice@example.net", null, null)));
        return new Delivery(original, "alice@example.net", SENT, SENT.plusSeconds(86_400));
    }

    /** The attachment's bytes as they stand in the notice, without any decoding. */
    private static byte[] attachedBytes(BodyPart part) throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ((jakarta.mail.internet.MimeBodyPart) part).getRawInputStream().transferTo(out);
        return out.toByteArray();
    }
}
