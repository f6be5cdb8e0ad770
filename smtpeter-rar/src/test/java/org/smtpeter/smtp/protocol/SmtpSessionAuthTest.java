package org.smtpeter.smtp.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smtpeter.smtp.protocol.Transcript.base64;
import static org.smtpeter.smtp.protocol.Transcript.plain;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.smtpeter.smtp.api.Client;
import org.smtpeter.smtp.protocol.Response.Next;

/** STARTTLS and AUTH in the session state machine, transcript style. */
class SmtpSessionAuthTest {

    /** Records what the session reports and blocks on demand. */
    private static final class RecordingThrottle implements AuthThrottle {
        final List<String> attempts = new ArrayList<>();
        final List<String> refunds = new ArrayList<>();
        final List<String> failures = new ArrayList<>();
        boolean blocked;

        @Override
        public boolean tryAttempt(String clientAddress) {
            if (blocked) {
                return false;
            }
            attempts.add(clientAddress);
            return true;
        }

        @Override
        public void failed(String clientAddress) {
            failures.add(clientAddress);
        }

        @Override
        public void refund(String clientAddress) {
            refunds.add(clientAddress);
        }

        /** Attempts that still count: the wrong passwords; every attempt let in is settled one way or the other. */
        int counted() {
            assertEquals(attempts.size(), refunds.size() + failures.size(), "attempts settled");
            return failures.size();
        }
    }

    private static Transcript secure() {
        return Transcript.start().tls().ehlo();
    }

    @Test
    void starttlsAnswers220AndAsksForTheHandshake() {
        Transcript.start().ehlo().send("STARTTLS", "220 2.0.0").expectNext(Next.START_TLS);
    }

    @Test
    void starttlsTakesNoArgument() {
        Transcript.start().ehlo().send("STARTTLS now", "501 5.5.4").expectNext(Next.CONTINUE);
    }

    @Test
    void withoutAKeystoreStarttlsIsNeitherOfferedNorAccepted() {
        Transcript t = new Transcript(Limits.defaults(), RecordingListener.strict(), AuthThrottle.NONE, false).ehlo();
        assertTrue(t.last.lines().stream().noneMatch(l -> l.contains("STARTTLS")), t.last.lines()::toString);
        t.send("STARTTLS", "454 4.7.0").expectNext(Next.CONTINUE);
    }

    @Test
    void afterTlsEhloOffersAuthButNoLongerStarttls() {
        Transcript t = secure();
        List<String> lines = t.last.lines();
        assertEquals("250 AUTH PLAIN LOGIN", lines.get(lines.size() - 1));
        assertTrue(lines.stream().noneMatch(l -> l.contains("STARTTLS")), lines::toString);
        assertTrue(t.session.isSecure());
        t.send("STARTTLS", "503 5.5.1");
    }

    @Test
    void tlsStartForgetsEverythingLearntBefore() {
        Transcript t = Transcript.start().ehlo().send("MAIL FROM:<a@example.com>", "250 2.1.0")
                .send("STARTTLS", "220 2.0.0").tls()
                .send("MAIL FROM:<a@example.com>", "503 5.5.1") // no EHLO since the handshake
                .ehlo()
                .send("MAIL FROM:<a@example.com>", "250 2.1.0"); // the plaintext transaction is gone, not nested
        assertTrue(t.session.isSecure());
    }

    @Test
    void authBeforeTlsNeedsEncryption() {
        Transcript t = Transcript.start().ehlo()
                .send("AUTH PLAIN " + plain("", "alice", "secret"), "538 5.7.11")
                .send("AUTH LOGIN", "538 5.7.11");
        assertTrue(t.listener.authentications.isEmpty());
        assertFalse(t.session.isAuthenticated());
    }

    @Test
    void authAfterTlsNeedsAFreshEhlo() {
        Transcript.start().tls().send("AUTH PLAIN " + plain("", "alice", "secret"), "503 5.5.1");
    }

    @Test
    void authPlainWithInitialResponse() {
        Transcript t = secure().send("AUTH PLAIN " + plain("", "alice", "secret"), "235 2.7.0");
        assertTrue(t.session.isAuthenticated());
        RecordingListener.Authentication auth = t.listener.authentications.get(0);
        assertEquals("alice", auth.username());
        assertEquals("secret", auth.password());
        assertArrayEquals(new char[6], auth.passedArray(), "the password array is wiped after the check");
        Client client = auth.client();
        assertEquals("client.test", client.heloName());
        assertTrue(client.isSecure());
        assertEquals(Transcript.CLIENT_ADDRESS, client.address());
    }

    @Test
    void authPlainWithoutInitialResponseSendsAnEmptyChallenge() {
        Transcript t = secure().send("AUTH PLAIN", "334");
        assertEquals(List.of("334 "), t.last.lines());
        t.send(plain("", "alice", "secret"), "235 2.7.0");
        assertTrue(t.session.isAuthenticated());
    }

    @Test
    void authPlainWithMatchingAuthzidIsAccepted() {
        secure().send("auth plain " + plain("alice", "alice", "secret"), "235 2.7.0");
    }

    @Test
    void authPlainActingAsAnotherUserIsRefusedWithoutAskingTheListener() {
        Transcript t = secure().send("AUTH PLAIN " + plain("bob", "alice", "secret"), "535 5.7.8");
        assertTrue(t.listener.authentications.isEmpty());
        assertFalse(t.session.isAuthenticated());
    }

    @Test
    void authLoginPromptsForUsernameThenPassword() {
        Transcript t = secure()
                .send("AUTH LOGIN", "334 VXNlcm5hbWU6")
                .send(base64("alice"), "334 UGFzc3dvcmQ6")
                .send(base64("secret"), "235 2.7.0");
        assertTrue(t.session.isAuthenticated());
    }

    @Test
    void authLoginWithInitialResponsePromptsOnlyForThePassword() {
        Transcript t = secure()
                .send("AUTH LOGIN " + base64("alice"), "334 UGFzc3dvcmQ6")
                .send(base64("secret"), "235 2.7.0");
        assertEquals("alice", t.listener.authentications.get(0).username());
    }

    @Test
    void wrongPasswordIsRefusedAndTheClientMayRetry() {
        Transcript t = secure()
                .send("AUTH PLAIN " + plain("", "alice", "guess"), "535 5.7.8")
                .send("MAIL FROM:<alice@example.com>", "250 2.1.0")
                .send("RCPT TO:<bob@example.com>", "530 5.7.0")
                .send("RSET", "250 2.0.0")
                .send("AUTH LOGIN " + base64("alice"), "334 UGFzc3dvcmQ6")
                .send(base64("secret"), "235 2.7.0");
        assertEquals(2, t.listener.authentications.size());
    }

    @Test
    void starCancelsTheExchange() {
        Transcript t = secure()
                .send("AUTH LOGIN", "334 VXNlcm5hbWU6")
                .send("*", "501")
                .send("NOOP", "250 2.0.0"); // back to commands
        assertTrue(t.listener.authentications.isEmpty());
        secure().send("AUTH PLAIN", "334").send("*", "501 5.0.0");
    }

    @Test
    void responseThatIsNotBase64IsRefused() {
        secure().send("AUTH PLAIN", "334").send("not base64!", "501 5.5.2").send("NOOP", "250 2.0.0");
        secure().send("AUTH PLAIN %%%", "501 5.5.2");
    }

    @Test
    void secondAuthIsRefused() {
        Transcript.start().loggedIn().send("AUTH PLAIN " + plain("", "alice", "secret"), "503 5.5.1");
    }

    @Test
    void authInsideATransactionIsRefused() {
        secure().send("MAIL FROM:<a@example.com>", "250 2.1.0")
                .send("AUTH PLAIN " + plain("", "alice", "secret"), "503 5.5.1");
    }

    @Test
    void unknownMechanismOrNoMechanism() {
        secure().send("AUTH CRAM-MD5", "504 5.5.4").send("AUTH", "501 5.5.4").send("AUTH PLAIN a b", "501 5.5.4");
    }

    @Test
    void listenerFailureDuringAuthenticationIsTemporary() {
        Transcript t = secure();
        t.listener.authenticateFailure = new IllegalStateException("directory down");
        t.send("AUTH PLAIN " + plain("", "alice", "secret"), "454 4.7.0");
        assertFalse(t.session.isAuthenticated());
    }

    @Test
    void everyAttemptIsCountedBeforeTheCheckAndOnlyWrongPasswordsKeepCounting() {
        RecordingThrottle throttle = new RecordingThrottle();
        new Transcript(Limits.defaults(), RecordingListener.strict(), throttle, true).tls().ehlo()
                .send("AUTH PLAIN " + plain("", "alice", "wrong"), "535 5.7.8")
                .send("AUTH PLAIN " + plain("", "alice", "secret"), "235 2.7.0");
        assertEquals(List.of(Transcript.CLIENT_ADDRESS, Transcript.CLIENT_ADDRESS), throttle.attempts);
        assertEquals(List.of(Transcript.CLIENT_ADDRESS), throttle.refunds, "the right password is given back");
        assertEquals(1, throttle.counted());
    }

    @Test
    void anActingAsAnotherUserCountsAsAWrongPassword() {
        RecordingThrottle throttle = new RecordingThrottle();
        new Transcript(Limits.defaults(), RecordingListener.strict(), throttle, true).tls().ehlo()
                .send("AUTH PLAIN " + plain("bob", "alice", "secret"), "535 5.7.8");
        assertEquals(1, throttle.counted());
    }

    @Test
    void exchangesThatTryNoPasswordDoNotCount() {
        RecordingThrottle throttle = new RecordingThrottle();
        Transcript t = new Transcript(Limits.defaults().withBareLineFeeds(BareLineFeeds.REJECT),
                RecordingListener.strict(), throttle, true).tls().ehlo()
                .send("AUTH LOGIN", "334").send("*", "501 5.0.0")
                .send("AUTH PLAIN", "334").send("not base64!", "501 5.5.2")
                .send("AUTH LOGIN", "334").send(new SmtpInput.Line("x", SmtpInput.Ending.BARE_LF), "500 5.5.2")
                .send("AUTH LOGIN", "334");
        t.tls(); // a new handshake ends the open exchange too
        assertEquals(0, throttle.counted(), () -> throttle.attempts + " " + throttle.refunds);
    }

    @Test
    void aCheckThatCouldNotBeMadeDoesNotCount() {
        RecordingThrottle throttle = new RecordingThrottle();
        Transcript t = new Transcript(Limits.defaults(), RecordingListener.strict(), throttle, true).tls().ehlo();
        t.listener.authenticateFailure = new IllegalStateException("database down");
        t.send("AUTH PLAIN " + plain("", "alice", "secret"), "454 4.7.0");
        assertEquals(0, throttle.counted());
    }

    @Test
    void blockedAddressIsDisconnectedWithoutCheckingTheCredential() {
        RecordingThrottle throttle = new RecordingThrottle();
        throttle.blocked = true;
        Transcript t = new Transcript(Limits.defaults(), RecordingListener.strict(), throttle, true).tls().ehlo()
                .send("AUTH PLAIN " + plain("", "alice", "secret"), "421 4.7.0").expectNext(Next.CLOSE);
        assertTrue(t.listener.authentications.isEmpty());
        assertFalse(t.session.isAuthenticated());
    }

    @Test
    void overlongLineInsideAuthEndsTheExchange() {
        secure().send("AUTH PLAIN", "334")
                .send(new SmtpInput.Line("", SmtpInput.Ending.TOO_LONG), "500 5.5.6")
                .send("NOOP", "250 2.0.0"); // actual: 501 5.5.2, NOOP was taken as base64
    }

    @Test
    void bareLfLineInsideAuthLoginIsTheAnswerAsPostfixNormalizes() {
        Transcript t = secure().send("AUTH LOGIN " + base64("alice"), "334 UGFzc3dvcmQ6")
                .send(new SmtpInput.Line(base64("secret"), SmtpInput.Ending.BARE_LF), "235 2.7.0");
        assertEquals(1, t.listener.authentications.size());
    }

    @Test
    void bareLfLineInsideAuthLoginEndsTheExchangeWhenBareLineFeedsAreRejected() {
        Transcript t = Transcript.start(Limits.defaults().withBareLineFeeds(BareLineFeeds.REJECT)).tls().ehlo()
                .send("AUTH LOGIN " + base64("alice"), "334 UGFzc3dvcmQ6")
                .send(new SmtpInput.Line(base64("secret"), SmtpInput.Ending.BARE_LF), "500 5.5.2")
                .send("RSET", "250 2.0.0"); // actual: 535 5.7.8
        assertTrue(t.listener.authentications.isEmpty());
    }
}
