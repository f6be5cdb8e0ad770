package org.smtpeter.bounces.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.smtpeter.bounces.control.PlainTextBounces.TextBounce;

class PlainTextBouncesTest {

    private final PlainTextBounces bounces = new PlainTextBounces();

    private TextBounce recognise(String subject, boolean fromMailSystem, String text) {
        return bounces.recognise(subject, fromMailSystem, text, Set.of("b-x@bounce.shop.example"), List.of())
                .orElseThrow(() -> new AssertionError("not recognised: " + text));
    }

    @Test
    void givesEachRecipientTheReplyThatFollowsIt() {
        TextBounce bounce = recognise("Mail delivery failed: returning message to sender", true, """
                This message was created automatically by mail delivery software.

                A message that you sent could not be delivered to one or more of its
                recipients. This is a permanent error. The following address(es) failed:

                  first@example.com
                    host mx.example.com [192.0.2.25]
                    SMTP error from remote mail server after RCPT TO:<first@example.com>:
                    550 5.1.1 <first@example.com>: User unknown
                  second@example.org
                    (generated from alias@example.org)
                    host mx.example.org [192.0.2.26]
                    SMTP error from remote mail server after end of data:
                    552 5.2.2 Mailbox full
                """);
        assertEquals("Exim", bounce.shape());
        assertEquals(List.of("first@example.com", "second@example.org"),
                bounce.recipients().stream().map(ReportedRecipient::finalRecipient).toList());
        assertEquals(List.of("5.1.1", "5.2.2"), bounce.recipients().stream().map(ReportedRecipient::status).toList());
        assertEquals("550 5.1.1 <first@example.com>: User unknown", bounce.recipients().get(0).diagnostic());
        assertEquals("mx.example.org", bounce.recipients().get(1).remoteMta());
    }

    @Test
    void skipsTheEnvelopeSenderInATranscriptAndOwnAddresses() {
        TextBounce bounce = recognise("Returned mail: see transcript for details", true, """
                   ----- The following addresses had permanent fatal errors -----
                <dave@example.net>
                    (reason: 550 5.1.1 <dave@example.net>... User unknown)

                   ----- Transcript of session follows -----
                ... while talking to mail.example.net.:
                >>> MAIL From:<envelope@bounce.shop.example> SIZE=2048
                >>> RCPT To:<dave@example.net>
                <<< 550 5.1.1 <dave@example.net>... User unknown
                Your message was sent by b-x@bounce.shop.example.
                """);
        assertEquals("Sendmail", bounce.shape());
        assertEquals(List.of("dave@example.net"),
                bounce.recipients().stream().map(ReportedRecipient::finalRecipient).toList());
        assertEquals("550 5.1.1 <dave@example.net>... User unknown)", bounce.recipients().get(0).diagnostic());
    }

    @Test
    void recognisesDelayWarningsAsDelays() {
        TextBounce bounce = recognise("Delivery Status Notification (Delay)", true, """
                Delivery incomplete

                There was a temporary problem delivering your message to slow@example.net.
                Gmail will retry for 46 more hours.

                The response was:
                451 4.4.2 Timeout - closing connection
                """);
        assertTrue(bounce.delayed());
        assertEquals(ReportedRecipient.Action.DELAYED, bounce.recipients().get(0).action());
        assertEquals("4.4.2", bounce.recipients().get(0).status());
    }

    @Test
    void doesNotMistakeOrdinaryMailForABounce() {
        assertTrue(bounces.recognise("Re: delivery of the sofa", false,
                "The sofa could not be delivered on Monday, can we try Tuesday?", Set.of(), List.of()).isEmpty());
        assertTrue(bounces.recognise("Hello", true, "Nothing failed here.", Set.of(), List.of()).isEmpty());
        assertTrue(bounces.recognise(null, false, null, Set.of(), List.of()).isEmpty());
    }

    @Test
    void recognisesTheGenericShapeBySenderOrSubject() {
        TextBounce bySender = recognise("Notice", true, """
                Your message was not delivered to anna@example.net:
                553 sorry, that domain isn't in my list of allowed rcpthosts
                """);
        assertEquals("generic", bySender.shape());
        assertEquals("anna@example.net", bySender.recipients().get(0).finalRecipient());
        TextBounce bySubject = recognise("Undeliverable message", false, """
                Delivery failed for bert@example.net
                """);
        assertEquals("bert@example.net", bySubject.recipients().get(0).finalRecipient());
    }
}
