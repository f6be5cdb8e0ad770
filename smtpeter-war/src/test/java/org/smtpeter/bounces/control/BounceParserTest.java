package org.smtpeter.bounces.control;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.smtpeter.bounces.control.BounceReport.Bucket;
import org.smtpeter.bounces.control.BounceReport.Kind;
import org.smtpeter.bounces.control.Classification.Category;
import org.smtpeter.bounces.control.Classification.Hardness;
import org.smtpeter.bounces.control.ReportedRecipient.Action;

/** What the corpus table does not show: the fields the lead links and stores, and robustness. */
class BounceParserTest {

    private final BounceParser parser = new BounceParser();

    private BounceReport corpus(String name) {
        return parser.parse(BounceCorpusTest.resource("/bounces/" + name + ".eml"));
    }

    private BounceReport parse(String message) {
        return parser.parse(message.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsEveryDsnFieldAndTheReturnedMessage() {
        BounceReport report = corpus("sendmail-user-unknown-ret-full");
        ReportedRecipient reported = report.recipients().get(0).reported();
        assertAll(
                () -> assertEquals(new ReportedRecipient("dave@example.net", null, Action.FAILED, "5.1.1", "smtp",
                        "550 5.1.1 <dave@example.net>... User unknown", "mail.example.net",
                        "bad destination mailbox address"), reported),
                () -> assertEquals("smtp.example.net", report.reportingMta()),
                () -> assertTrue(report.structured()),
                () -> assertTrue(report.isBounce()),
                () -> assertEquals("<20250304104957.77c1@relay.shop.example>", report.original().messageId()),
                () -> assertEquals("Your order 10442 has shipped", report.original().header("subject")),
                () -> assertEquals("<b-h4jw9sn2pq7ra@bounce.shop.example>", report.original().header("Return-Path")),
                () -> assertEquals("MAILER-DAEMON@smtp.example.net", report.from()),
                () -> assertEquals("Returned mail: see transcript for details", report.subject()));
    }

    @Test
    void keepsTheOriginalRecipient() {
        ReportedRecipient reported = corpus("original-recipient-moved-516").recipients().get(0).reported();
        assertEquals("quinn@old-provider.example", reported.finalRecipient());
        assertEquals("info@example.com", reported.originalRecipient());
    }

    @Test
    void readsGlobalDeliveryStatusWithUtf8Addresses() {
        BounceReport report = corpus("global-delivery-status");
        ReportedRecipient reported = report.recipients().get(0).reported();
        assertEquals("ürsula@bücher.example", reported.finalRecipient());
        assertEquals("ürsula@bücher.example", reported.originalRecipient(), "\\x{FC} decoded");
        assertEquals("<20250304132504.7b8c@relay.shop.example>", report.original().messageId());
        assertEquals("Ürsula <ürsula@bücher.example>", report.original().header("To"));
    }

    @Test
    void refinesExims500WithTheDiagnosticButKeepsWhatWasReported() {
        RecipientReport recipient = corpus("exim-dsn-user-unknown").recipients().get(0);
        assertEquals("5.0.0", recipient.reported().status());
        assertEquals("5.1.1", recipient.status());
    }

    @Test
    void takesGmailsOriginalMessageIdWhenNothingIsReturned() {
        BounceReport report = corpus("gmail-dsn-user-unknown");
        assertEquals("<20250304120505.0b1c@relay.shop.example>", report.original().messageId());
        assertEquals(List.of(), report.original().headers());
    }

    @Test
    void listsOnlyFailedRecipientsAsFailed() {
        BounceReport report = corpus("multi-recipient-one-failed");
        assertEquals(List.of("olga@example.net"), report.failedRecipients().stream().map(RecipientReport::address).toList());
        assertEquals(Action.DELIVERED, report.recipients().get(1).reported().action());
    }

    @Test
    void readsTheComplaintFields() {
        BounceReport abuse = corpus("arf-abuse");
        assertEquals(new FeedbackReport("abuse", "MailboxExampleFBL/2.1", "1", "b-h4jk6lz8xc0vb@bounce.shop.example",
                List.of("zoe@mailbox.example"), List.of("shop.example"), "198.51.100.25",
                "Tue, 04 Mar 2025 13:10:02 +0000"), abuse.feedback().orElseThrow());
        assertEquals("<20250304131000.7f80@relay.shop.example>", abuse.original().messageId());
        assertTrue(abuse.recipients().isEmpty());
        assertFalse(abuse.isBounce());

        BounceReport fraud = corpus("arf-fraud");
        FeedbackReport fields = fraud.feedback().orElseThrow();
        assertEquals("fraud", fields.feedbackType());
        assertEquals(List.of(), fields.originalRcptTo());
        assertEquals(List.of("shop.example", "track.shop.example"), fields.reportedDomains());
        assertEquals("b-j5kl7zx9cv1bn@bounce.shop.example", fields.originalMailFrom());
        assertEquals("<20250304150235.8a91@relay.shop.example>", fraud.original().messageId());
    }

    @Test
    void anAuthenticationFailureReportIsAComplaintThatSuppressesNobody() {
        BounceReport report = parse("""
                From: dmarc@receiver.example
                To: b-x@bounce.shop.example
                Subject: DMARC failure report
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=feedback-report; boundary="b"

                --b
                Content-Type: text/plain

                An authentication failure report.
                --b
                Content-Type: message/feedback-report

                Feedback-Type: auth-failure
                Version: 1
                Auth-Failure: dmarc
                --b--
                """);
        assertEquals(Kind.COMPLAINT, report.kind());
        assertEquals("auth-failure", report.feedback().orElseThrow().feedbackType());
        assertFalse(FeedbackReport.suppresses(report.feedback().orElseThrow().feedbackType()));
        assertTrue(FeedbackReport.suppresses("abuse"));
    }

    @Test
    void readsPlainTextBounceDetails() {
        BounceReport exim = corpus("exim-plain-text");
        ReportedRecipient reported = exim.recipients().get(0).reported();
        assertEquals("550 5.1.1 <frank@example.com>: Recipient address rejected: User unknown", reported.diagnostic());
        assertEquals("mx.example.com", reported.remoteMta());
        assertEquals("<20250304110512.9b2e@relay.shop.example>", exim.original().messageId());
        assertFalse(exim.structured());
        assertTrue(exim.reason().startsWith("Exim"), exim.reason());

        BounceReport exchange = corpus("exchange-plain-text");
        assertEquals("<20250304114528.f00d@relay.shop.example>", exchange.original().messageId());
        assertEquals("exch01.corp.example.org", exchange.recipients().get(0).reported().remoteMta());
    }

    @Test
    void decodesQuotedPrintableIso88591() {
        BounceReport report = corpus("iso-8859-1-qp-bounce");
        ReportedRecipient reported = report.recipients().get(0).reported();
        assertEquals("550 5.1.1 <jan.mueller@firma.example>: Empfänger unbekannt, das Postfach existiert nicht",
                reported.diagnostic());
        // postmaster@firma.example in "please contact" and the quoted original are not recipients.
        assertEquals(1, report.recipients().size());
        assertEquals("<20250304120105.71d0@relay.shop.example>", report.original().messageId());
    }

    @Test
    void repliesPointAtTheMessageTheyAnswer() {
        BounceReport ooo = corpus("ooo-english");
        assertEquals("<20250304101659.b2c3@relay.shop.example>", ooo.original().messageId());
        assertEquals("automatic reply: Auto-Submitted: auto-generated", ooo.reason());
        assertEquals("Réponse automatique : Votre commande a été expédiée", corpus("ooo-french").subject());
        assertEquals("<20250304101700.c3d4@relay.shop.example>", corpus("human-reply-remove-me").original().messageId());
    }

    @Test
    void anMtaBounceWithAutoSubmittedIsStillABounce() {
        // Postfix and Exim put "Auto-Submitted: auto-replied" on their bounces.
        assertEquals(Kind.DSN_FAILURE, corpus("postfix-user-unknown").kind());
        assertEquals(Kind.NON_STANDARD_BOUNCE, corpus("exim-plain-text").kind());
        BounceReport plain = parse("""
                From: Mail Delivery System <MAILER-DAEMON@mx.example.net>
                To: b-x@bounce.shop.example
                Subject: Undelivered Mail Returned to Sender
                Auto-Submitted: auto-replied

                This is the mail system at host mx.example.net.

                <gone@example.net>: host mx.example.net[192.0.2.1] said: 550 5.1.1 User unknown
                """);
        assertEquals(Kind.NON_STANDARD_BOUNCE, plain.kind());
        assertEquals(Hardness.HARD, plain.recipients().get(0).hardness());
    }

    @Test
    void takesXFailedRecipientsWhenTheTextNamesNobody() {
        BounceReport report = parse("""
                From: Mail Delivery System <Mailer-Daemon@mx.example.org>
                To: b-x@bounce.shop.example
                Subject: Mail delivery failed: returning message to sender
                X-Failed-Recipients: hidden@example.org

                This message was created automatically by mail delivery software.

                A message that you sent could not be delivered to one or more of its
                recipients. This is a permanent error.

                550 5.1.1 User unknown
                """);
        assertEquals(List.of("hidden@example.org"), report.concernedRecipients());
        assertEquals(new Classification(Hardness.HARD, "5.1.1", Category.UNKNOWN_USER, "userunknown"),
                report.recipients().get(0).classification());
    }

    @Test
    void findsAReportInsideAForwardedMessageButNotInsideTheReturnedOriginal() {
        BounceReport nested = parse("""
                From: Helpdesk <helpdesk@example.com>
                To: b-x@bounce.shop.example
                Subject: Fwd: Undelivered Mail Returned to Sender
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="outer"

                --outer
                Content-Type: text/plain

                See below.
                --outer
                Content-Type: multipart/report; report-type=delivery-status; boundary="inner"

                --inner
                Content-Type: text/plain

                Delivery failed.
                --inner
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.net

                Final-Recipient: rfc822; nested@example.net
                Action: failed
                Status: 5.1.1
                --inner--
                --outer--
                """);
        assertEquals(Kind.DSN_FAILURE, nested.kind());
        assertEquals(List.of("nested@example.net"), nested.concernedRecipients());

        // A DSN quoted inside a returned message/rfc822 is the original's business, not this message's.
        BounceReport quoted = parse("""
                From: Someone <someone@example.com>
                To: b-x@bounce.shop.example
                Subject: Re: your mail
                In-Reply-To: <abc@relay.shop.example>
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="outer"

                --outer
                Content-Type: text/plain

                Why did I get this?
                --outer
                Content-Type: message/rfc822

                From: MAILER-DAEMON@mx.example.net
                Subject: Undelivered Mail Returned to Sender
                Message-ID: <quoted@mx.example.net>
                Content-Type: multipart/report; report-type=delivery-status; boundary="inner"

                --inner
                Content-Type: message/delivery-status

                Final-Recipient: rfc822; quoted@example.net
                Action: failed
                Status: 5.1.1
                --inner--
                --outer--
                """);
        assertEquals(Kind.HUMAN_REPLY, quoted.kind());
        assertEquals("<quoted@mx.example.net>", quoted.original().messageId());
    }

    @Test
    void emptyOrUnreadableInputIsUnknownWithAReason() {
        for (byte[] raw : new byte[][] {null, new byte[0], "\r\n\r\n  \r\n".getBytes(StandardCharsets.US_ASCII)}) {
            BounceReport report = parser.parse(raw);
            assertEquals(Kind.UNKNOWN, report.kind());
            assertEquals(Bucket.BOUNCE, report.bucket());
            assertEquals("empty message", report.reason());
        }
        BounceReport headersOnly = corpus("empty-message");
        assertEquals("no readable content", headersOnly.reason());
        assertEquals("MAILER-DAEMON@mx.example.org", headersOnly.from());
        BounceReport broken = corpus("broken-mime-missing-boundary");
        assertEquals("broken MIME: multipart/report without a boundary parameter", broken.reason());
        assertTrue(broken.recipients().isEmpty());
    }

    @Test
    void aBrokenPartBelowTheTopIsSkippedAndNamed() {
        BounceReport report = parse("""
                From: MAILER-DAEMON@mx.example.net
                To: b-x@bounce.shop.example
                Subject: Undelivered Mail Returned to Sender
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="top"

                --top
                Content-Type: multipart/alternative

                no boundary here
                --top
                Content-Type: message/delivery-status

                Final-Recipient: rfc822; still@example.net
                Action: failed
                Status: 5.2.1
                --top--
                """);
        assertEquals(Kind.DSN_FAILURE, report.kind());
        assertEquals(new Classification(Hardness.SOFT, "5.2.1", Category.MAILBOX_DISABLED, "filtered"),
                report.recipients().get(0).classification());
    }

    @Test
    void neverThrowsOnTruncatedOrMangledMessages() {
        Random random = new Random(20250304L);
        for (BounceCorpusTest.Expected expected : BounceCorpusTest.cases()) {
            byte[] raw = BounceCorpusTest.resource("/bounces/" + expected.name() + ".eml");
            for (int cut = 0; cut < raw.length; cut += Math.max(1, raw.length / 7)) {
                assertNotNull(parser.parse(java.util.Arrays.copyOf(raw, cut)).kind(), expected.name() + " cut at " + cut);
            }
            byte[] mangled = raw.clone();
            for (int i = 0; i < 40 && mangled.length > 0; i++) {
                mangled[random.nextInt(mangled.length)] = (byte) random.nextInt(256);
            }
            assertNotNull(parser.parse(mangled).kind(), expected.name() + " mangled");
        }
        byte[] noise = new byte[4096];
        random.nextBytes(noise);
        assertNotNull(parser.parse(noise).kind());
    }

    @Test
    void survivesDeepNestingAndUnknownEncodings() {
        StringBuilder message = new StringBuilder("From: MAILER-DAEMON@mx.example.net\nSubject: x\nMIME-Version: 1.0\n");
        for (int depth = 0; depth < 40; depth++) {
            message.append("Content-Type: multipart/mixed; boundary=\"b").append(depth).append("\"\n\n--b")
                    .append(depth).append("\n");
        }
        message.append("Content-Type: text/plain\n\ndeep\n");
        BounceReport deep = parse(message.toString());
        assertNotNull(deep.kind());

        BounceReport encoded = parse("""
                From: Mail Delivery System <MAILER-DAEMON@mx.example.net>
                To: b-x@bounce.shop.example
                Subject: Undelivered Mail Returned to Sender
                MIME-Version: 1.0
                Content-Type: text/plain; charset=no-such-charset
                Content-Transfer-Encoding: x-unknown

                <odd@example.net>: host mx.example.net[192.0.2.1] said: 550 5.1.1 User unknown
                """);
        assertEquals(Kind.NON_STANDARD_BOUNCE, encoded.kind());
        assertEquals(List.of("odd@example.net"), encoded.concernedRecipients());
    }

    @Test
    void aReplyFromAMailSystemOrWithANullReturnPathIsNotHuman() {
        BounceReport fromDaemon = parse("""
                From: postmaster@example.net
                To: b-x@bounce.shop.example
                Subject: Re: your message
                In-Reply-To: <abc@relay.shop.example>

                We have received your message.
                """);
        assertEquals(Kind.UNKNOWN, fromDaemon.kind());
        BounceReport nullReturnPath = parse("""
                Return-Path: <>
                From: Someone <someone@example.net>
                To: b-x@bounce.shop.example
                Subject: Re: your message

                Thanks.
                """);
        assertEquals(Kind.UNKNOWN, nullReturnPath.kind());
        BounceReport person = parse("""
                Return-Path: <someone@example.net>
                From: Someone <someone@example.net>
                To: b-x@bounce.shop.example
                Subject: AW: Ihre Bestellung

                Danke!
                """);
        assertEquals(Kind.HUMAN_REPLY, person.kind());
        assertEquals(List.of("someone@example.net"), person.concernedRecipients());
        assertNull(person.original().messageId());
    }

    @Test
    void amazonSesNotificationsAreReadAsTheBounceComplaintOrDeliveryTheyStandFor() {
        BounceReport bounce = parser.parse(BounceCorpusTest.resource("/bounces/sisimai/lhost-amazonses-09.eml"));
        assertEquals(Kind.DSN_FAILURE, bounce.kind());
        assertEquals(List.of(new RecipientOutcome("bounce@simulator.amazonses.com", "userunknown", true)), bounce.outcomes());
        assertEquals("550 5.1.1 user unknown", bounce.recipients().get(0).reported().diagnostic());

        BounceReport complaint = parser.parse(BounceCorpusTest.resource("/bounces/sisimai/lhost-amazonses-11.eml"));
        assertEquals(Kind.COMPLAINT, complaint.kind());
        assertEquals("abuse", complaint.feedback().orElseThrow().feedbackType());
        assertEquals(List.of("complaint@simulator.amazonses.com"), complaint.concernedRecipients());

        BounceReport delivered = parser.parse(BounceCorpusTest.resource("/bounces/sisimai/lhost-amazonses-12.eml"));
        assertEquals(Kind.DSN_DELIVERED, delivered.kind());
        assertEquals(List.of(new RecipientOutcome("success@simulator.amazonses.com", "delivered", false)),
                delivered.outcomes());
        assertFalse(delivered.isBounce());
    }
}
