package org.smtpeter.smtp.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.smtpeter.smtp.api.Client;
import org.smtpeter.smtp.api.Envelope;
import org.smtpeter.smtp.api.Recipient;
import org.smtpeter.smtp.protocol.Response.Next;

/** Commands, transactions and limits of the session state machine, transcript style. TLS and AUTH: {@link SmtpSessionAuthTest}. */
class SmtpSessionTest {

    private static List<String> ehloKeywords(Response response) {
        return response.lines().subList(1, response.lines().size()).stream().map(l -> l.substring(4)).toList();
    }

    /** Logged in, one recipient accepted, 354 given: the session waits for the data outcome. */
    private static Transcript readyForData() {
        return Transcript.start().loggedIn()
                .send("MAIL FROM:<alice@example.com>", "250 2.1.0")
                .send("RCPT TO:<bob@example.net>", "250 2.1.5")
                .send("DATA", "354").expectNext(Next.READ_DATA);
    }

    @Test
    void greetingIs220WithTheHostName() {
        Response greeting = Transcript.start().session.greeting();
        assertEquals(List.of("220 mx.test ESMTP SMTPeter relay ready"), greeting.lines());
        assertEquals(Next.CONTINUE, greeting.next());
    }

    @Test
    void ehloBeforeTlsListsExtensionsAndStarttlsButNoAuth() {
        Response ehlo = Transcript.start().ehlo().last;
        assertEquals("250-mx.test Hello client.test [192.0.2.7]", ehlo.lines().get(0));
        assertEquals(List.of("PIPELINING", "SIZE " + Limits.defaults().maxMessageSize(), "8BITMIME", "SMTPUTF8", "DSN",
                "ENHANCEDSTATUSCODES", "STARTTLS"), ehloKeywords(ehlo));
        List<String> lines = ehlo.lines();
        for (int i = 0; i < lines.size(); i++) {
            assertTrue(lines.get(i).startsWith(i == lines.size() - 1 ? "250 " : "250-"), lines.get(i));
        }
        assertTrue(lines.stream().noneMatch(l -> l.contains("AUTH")), lines::toString);
    }

    @Test
    void ehloAdvertisesTheConfiguredSizeLimit() {
        Response ehlo = Transcript.start(Limits.defaults().withMaxMessageSize(1000)).ehlo().last;
        assertTrue(ehloKeywords(ehlo).contains("SIZE 1000"), ehlo.lines()::toString);
    }

    @Test
    void heloAnswersWithoutExtensionsAndRefusesMailParameters() {
        Transcript t = Transcript.start().send("HELO client.test", "250");
        assertEquals(List.of("250 mx.test Hello client.test [192.0.2.7]"), t.last.lines());
        t.send("MAIL FROM:<a@example.com> BODY=8BITMIME", "501 5.5.4")
                .send("MAIL FROM:<a@example.com>", "250 2.1.0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"EHLO", "EHLO two words", "HELO"})
    void helloNeedsExactlyOneName(String line) {
        Transcript.start().send(line, "501 5.5.4").send("MAIL FROM:<a@example.com>", "503 5.5.1");
    }

    @Test
    void mailBeforeEhloIsOutOfSequence() {
        Transcript.start().send("MAIL FROM:<a@example.com>", "503 5.5.1");
    }

    @Test
    void nestedMailIsOutOfSequence() {
        Transcript.start().ehlo().send("MAIL FROM:<a@example.com>", "250 2.1.0")
                .send("MAIL FROM:<b@example.com>", "503 5.5.1");
    }

    @Test
    void rcptBeforeMailIsOutOfSequence() {
        Transcript t = Transcript.start().loggedIn().send("RCPT TO:<b@example.com>", "503 5.5.1");
        assertTrue(t.listener.recipientsAsked.isEmpty());
    }

    @Test
    void dataBeforeMailIsOutOfSequence() {
        Transcript.start().loggedIn().send("DATA", "503 5.5.1").expectNext(Next.CONTINUE);
    }

    @Test
    void dataWithoutAnyRcptHasNoValidRecipients() {
        Transcript.start().loggedIn().send("MAIL FROM:<a@example.com>", "250 2.1.0")
                .send("DATA", "554 5.5.1").expectNext(Next.CONTINUE);
    }

    @Test
    void dataAfterOnlyRefusedRecipientsHasNoValidRecipients() {
        Transcript t = Transcript.start().ehlo().send("MAIL FROM:<a@example.com>", "250 2.1.0")
                .send("RCPT TO:<b@example.com>", "530 5.7.0")
                .send("DATA", "554 5.5.1").expectNext(Next.CONTINUE);
        assertEquals(1, t.listener.recipientsAsked.size());
    }

    @Test
    void dataTakesNoArgument() {
        Transcript.start().loggedIn()
                .send("MAIL FROM:<a@example.com>", "250 2.1.0").send("RCPT TO:<b@example.com>", "250 2.1.5")
                .send("DATA now", "501 5.5.4").expectNext(Next.CONTINUE)
                .send("DATA", "354").expectNext(Next.READ_DATA);
    }

    @Test
    void declaredSizeOverTheLimitIsRefused() {
        Transcript.start(Limits.defaults().withMaxMessageSize(1000)).ehlo()
                .send("MAIL FROM:<a@example.com> SIZE=1001", "552 5.3.4")
                .send("MAIL FROM:<a@example.com> SIZE=ten", "501 5.5.4")
                .send("MAIL FROM:<a@example.com> SIZE=1000", "250 2.1.0");
    }

    @Test
    void unknownParametersAreRefused() {
        Transcript.start().loggedIn()
                .send("MAIL FROM:<a@example.com> XFORWARD=yes", "555 5.5.4")
                .send("MAIL FROM:<a@example.com>", "250 2.1.0")
                .send("RCPT TO:<b@example.com> SIZE=10", "555 5.5.4");
    }

    @Test
    void mailAndRcptParametersReachTheEnvelope() {
        Transcript t = Transcript.start().loggedIn()
                .send("MAIL FROM:<alice@example.com> SIZE=1000 body=8bitmime RET=HDRS ENVID=QQ+2Bx1", "250 2.1.0")
                .send("RCPT TO:<bob@example.net> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;bob@example.net", "250 2.1.5")
                .send("RCPT TO:<carol@example.org> notify=never", "250 2.1.5")
                .send("DATA", "354")
                .data(DataReader.Outcome.COMPLETE, "Subject: hi\r\n\r\nbody\r\n", "250 2.0.0");
        RecordingListener.Delivery delivery = t.listener.onlyDelivery();
        Envelope envelope = delivery.envelope();
        assertEquals("alice@example.com", envelope.reversePath());
        assertEquals("8BITMIME", envelope.body());
        assertEquals(1000, envelope.declaredSize());
        assertEquals("HDRS", envelope.ret());
        assertEquals("QQ+2Bx1", envelope.envelopeId());
        assertFalse(envelope.smtpUtf8());
        assertEquals("alice", envelope.authenticatedUser());
        assertEquals(List.of(new Recipient("bob@example.net", "SUCCESS,FAILURE", "rfc822;bob@example.net"),
                new Recipient("carol@example.org", "NEVER", null)), envelope.recipients());
        assertEquals(new Client("submission", "192.0.2.7", 40123, "client.test", "TLSv1.3", "TLS_AES_128_GCM_SHA256"),
                envelope.client());
        assertArrayEquals("Subject: hi\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII), delivery.data());
    }

    @Test
    void absentParametersAreNullOrMinusOne() {
        Transcript t = readyForData().data(DataReader.Outcome.COMPLETE, "x\r\n", "250 2.0.0");
        Envelope envelope = t.listener.onlyDelivery().envelope();
        assertEquals(-1, envelope.declaredSize());
        assertEquals(null, envelope.body());
        assertEquals(null, envelope.ret());
        assertEquals(null, envelope.envelopeId());
        assertEquals(List.of(new Recipient("bob@example.net", null, null)), envelope.recipients());
    }

    @ParameterizedTest
    @ValueSource(strings = {"NOTIFY=NEVER,SUCCESS", "NOTIFY=SUCCESS,BOUNCE", "NOTIFY=SUCCESS,", "NOTIFY", "ORCPT=nosemicolon"})
    void invalidDsnParametersAreRefused(String parameter) {
        Transcript t = Transcript.start().loggedIn().send("MAIL FROM:<a@example.com>", "250 2.1.0")
                .send("RCPT TO:<b@example.com> " + parameter, "501 5.5.4");
        assertTrue(t.listener.recipientsAsked.isEmpty());
    }

    @Test
    void nonAsciiAddressNeedsSmtpUtf8() {
        Transcript.start().loggedIn()
                .send("MAIL FROM:<jörg@example.de>", "553 5.6.7")
                .send("MAIL FROM:<a@example.com>", "250 2.1.0")
                .send("RCPT TO:<zoë@example.org>", "553 5.6.7");
    }

    @Test
    void nonAsciiAddressesAreAcceptedWithSmtpUtf8() {
        Transcript t = Transcript.start().loggedIn()
                .send("MAIL FROM:<jörg@bücher.example> SMTPUTF8", "250 2.1.0")
                .send("RCPT TO:<zoë@example.org>", "250 2.1.5")
                .send("DATA", "354").data(DataReader.Outcome.COMPLETE, "x\r\n", "250 2.0.0");
        Envelope envelope = t.listener.onlyDelivery().envelope();
        assertTrue(envelope.smtpUtf8());
        assertEquals("jörg@bücher.example", envelope.reversePath());
        assertEquals("zoë@example.org", envelope.recipients().get(0).address());
    }

    @Test
    void nullSenderIsAcceptedButNotAsRecipient() {
        Transcript t = Transcript.start().loggedIn()
                .send("MAIL FROM:<>", "250 2.1.0")
                .send("RCPT TO:<>", "553 5.1.7")
                .send("RCPT TO:<postmaster@example.com>", "250 2.1.5")
                .send("DATA", "354").data(DataReader.Outcome.COMPLETE, "bounce\r\n", "250 2.0.0");
        assertEquals("", t.listener.onlyDelivery().envelope().reversePath());
    }

    @Test
    void aRepeatedRecipientIsAcceptedOnceSoItGetsOneCopy() {
        Transcript t = Transcript.start().loggedIn()
                .send("MAIL FROM:<a@example.com>", "250 2.1.0")
                .send("RCPT TO:<r1@example.com>", "250 2.1.5")
                .send("RCPT TO:<R1@Example.com>", "250 2.1.5")
                .send("DATA", "354").data(DataReader.Outcome.COMPLETE, "x\r\n", "250 2.0.0");
        assertEquals(List.of("r1@example.com"),
                t.listener.onlyDelivery().envelope().recipients().stream().map(Recipient::address).toList());
    }

    @Test
    void recipientsBeyondTheLimitGet452() {
        Transcript t = Transcript.start(Limits.defaults().withMaxRecipients(2)).loggedIn()
                .send("MAIL FROM:<a@example.com>", "250 2.1.0")
                .send("RCPT TO:<r1@example.com>", "250 2.1.5")
                .send("RCPT TO:<r2@example.com>", "250 2.1.5")
                .send("RCPT TO:<r3@example.com>", "452 4.5.3")
                .send("DATA", "354").data(DataReader.Outcome.COMPLETE, "x\r\n", "250 2.0.0");
        assertEquals(2, t.listener.recipientsAsked.size());
        assertEquals(List.of("r1@example.com", "r2@example.com"),
                t.listener.onlyDelivery().envelope().recipients().stream().map(Recipient::address).toList());
    }

    @Test
    void tooManyErrorsEndsTheSessionWith421() {
        Transcript t = Transcript.start(Limits.defaults().withMaxErrors(3))
                .send("FROB", "500 5.5.2").expectNext(Next.CONTINUE)
                .send("NOOP", "250 2.0.0")
                .send("MAIL FROM:<a@example.com>", "503 5.5.1").expectNext(Next.CONTINUE)
                .send("FROB", "421 4.7.0").expectNext(Next.CLOSE);
        assertEquals(List.of("500 5.5.2 Command not recognized", "421 4.7.0 Too many errors; closing connection"),
                t.last.lines());
    }

    @Test
    void listenerExceptionInDeliverBecomes451() {
        Transcript t = readyForData();
        t.listener.deliverFailure = new IllegalStateException("database down");
        t.data(DataReader.Outcome.COMPLETE, "x\r\n", "451 4.3.0").expectNext(Next.CONTINUE)
                .send("RCPT TO:<b@example.com>", "503 5.5.1");
    }

    @Test
    void listenerReturningNullFromDeliverBecomes451() {
        Transcript t = readyForData();
        t.listener.deliverReturnsNull = true;
        t.data(DataReader.Outcome.COMPLETE, "x\r\n", "451 4.3.0");
        assertEquals(1, t.listener.deliveries.size());
    }

    @Test
    void listenerExceptionInRecipientBecomes451AndAddsNoRecipient() {
        Transcript t = Transcript.start().loggedIn().send("MAIL FROM:<a@example.com>", "250 2.1.0");
        t.listener.recipientFailure = new IllegalStateException("policy lookup failed");
        t.send("RCPT TO:<b@example.com>", "451 4.3.0").send("DATA", "554 5.5.1");
    }

    @Test
    void rsetClearsTheTransactionButKeepsTheLogin() {
        Transcript.start().loggedIn()
                .send("MAIL FROM:<a@example.com>", "250 2.1.0")
                .send("RSET", "250 2.0.0")
                .send("RCPT TO:<b@example.com>", "503 5.5.1")
                .send("MAIL FROM:<a@example.com>", "250 2.1.0")
                .send("RCPT TO:<b@example.com>", "250 2.1.5");
    }

    @Test
    void ehloAlsoResetsTheTransaction() {
        Transcript.start().ehlo().send("MAIL FROM:<a@example.com>", "250 2.1.0").ehlo()
                .send("RCPT TO:<b@example.com>", "503 5.5.1");
    }

    @Test
    void twoTransactionsInOneSession() {
        Transcript t = readyForData().data(DataReader.Outcome.COMPLETE, "first\r\n", "250 2.0.0 Queued as M1")
                .send("MAIL FROM:<a@example.com>", "250 2.1.0")
                .send("RCPT TO:<second@example.com>", "250 2.1.5")
                .send("DATA", "354").data(DataReader.Outcome.COMPLETE, "second\r\n", "250 2.0.0 Queued as M2");
        assertEquals(2, t.listener.deliveries.size());
        assertEquals("second@example.com", t.listener.deliveries.get(1).envelope().recipients().get(0).address());
        assertEquals(1, t.listener.deliveries.get(1).envelope().recipients().size());
    }

    @Test
    void simpleCommands() {
        Transcript.start()
                .send("NOOP", "250 2.0.0")
                .send("VRFY alice", "252 2.5.0")
                .send("HELP", "214 2.0.0")
                .send("noop", "250 2.0.0")
                .send("QUIT", "221 2.0.0").expectNext(Next.CLOSE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET / HTTP/1.1", "POST /submit HTTP/1.1", "CONNECT mx.test:25 HTTP/1.1", "OPTIONS * HTTP/1.0"})
    void httpRequestsEndTheConnection(String line) {
        Transcript.start().send(line, "421").expectNext(Next.CLOSE);
    }

    @Test
    void unknownAndUnimplementedVerbs() {
        Transcript.start().send("FROB x", "500 5.5.2").expectNext(Next.CONTINUE)
                .send("EXPN staff", "502 5.5.1")
                .send("BDAT 10 LAST", "502 5.5.1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NOOP\0", "NO\u001bOP", "NOOP\u007f", "QUIT\rNOOP", "\u0000"})
    void controlCharactersInCommandsAreRefused(String line) {
        Transcript.start().send(line, "500 5.5.2").expectNext(Next.CONTINUE);
    }

    @Test
    void badLineEndingsAreRefusedWithoutRunningTheCommand() {
        Transcript.start(Limits.defaults().withBareLineFeeds(BareLineFeeds.REJECT))
                .send(new SmtpInput.Line("QUIT", SmtpInput.Ending.BARE_LF), "500 5.5.2").expectNext(Next.CONTINUE)
                .send(new SmtpInput.Line("", SmtpInput.Ending.TOO_LONG), "500 5.5.6").expectNext(Next.CONTINUE);
    }

    /** As Postfix's smtpd_forbid_bare_newline = normalize: a command ending in a bare LF counts. */
    @Test
    void commandEndingInBareLfIsTakenAsIfItEndedInCrlf() {
        Transcript.start()
                .send(new SmtpInput.Line("EHLO client.example", SmtpInput.Ending.BARE_LF), "250")
                .send(new SmtpInput.Line("QUIT", SmtpInput.Ending.BARE_LF), "221 2.0.0").expectNext(Next.CLOSE);
    }

    @ParameterizedTest
    @CsvSource({"TOO_BIG, 552 5.3.4, CONTINUE", "LINE_TOO_LONG, 500 5.5.6, CONTINUE", "BARE_LINE_END, 554 5.6.0, CONTINUE"})
    void dataProblemsRejectTheMessage(DataReader.Outcome outcome, String reply, Next next) {
        Transcript t = readyForData().data(outcome, "partial", reply).expectNext(next);
        assertTrue(t.listener.deliveries.isEmpty());
        if (next == Next.CONTINUE) {
            t.send("RCPT TO:<b@example.com>", "503 5.5.1"); // the transaction is over
        }
    }

    @Test
    void disconnectDuringDataClosesSilentlyWithoutDelivery() {
        Transcript t = readyForData();
        Response response = t.session.dataReceived(DataReader.Outcome.DISCONNECTED, Transcript.message(new byte[0]));
        assertEquals(List.of(), response.lines());
        assertEquals(Next.CLOSE, response.next());
        assertTrue(t.listener.deliveries.isEmpty());
    }

    @Test
    void timeoutAndShutdownClose() {
        SmtpSession session = Transcript.start().session;
        assertEquals(List.of("421 4.4.2 Timeout; closing connection"), session.timedOut().lines());
        assertEquals(Next.CLOSE, session.timedOut().next());
        Transcript.assertReply("421 4.3.2", session.shuttingDown(), "on shutdown");
        assertEquals(Next.CLOSE, session.shuttingDown().next());
    }
}
