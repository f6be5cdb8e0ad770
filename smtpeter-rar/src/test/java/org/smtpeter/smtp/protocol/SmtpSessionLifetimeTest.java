package org.smtpeter.smtp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.smtpeter.smtp.api.Login;
import org.smtpeter.smtp.protocol.Response.Next;

/** What ends an authenticated session early: a login that no longer stands, and the session's age. */
class SmtpSessionLifetimeTest {

    @Test
    void everyMailOfAnAuthenticatedSessionAsksWhetherTheLoginStillStands() {
        Transcript t = Transcript.start().loggedIn()
                .send("MAIL FROM:<alice@example.com>", "250 2.1.0")
                .send("RSET", "250 2.0.0")
                .send("MAIL FROM:<alice@example.com>", "250 2.1.0");
        assertEquals(2, t.listener.loginChecks.size());
        assertEquals(new Login("alice", "v1"), t.listener.loginChecks.get(0));
    }

    @Test
    void aCredentialRevokedSinceTheLoginEndsTheSessionAtTheNextMail() {
        Transcript t = Transcript.start().loggedIn()
                .send("MAIL FROM:<alice@example.com>", "250 2.1.0")
                .send("RCPT TO:<bob@example.net>", "250 2.1.5")
                .send("DATA", "354")
                .data(DataReader.Outcome.COMPLETE, "Subject: one\r\n\r\nbody\r\n", "250 2.0.0");
        t.listener.revoked.add("alice");
        t.send("MAIL FROM:<alice@example.com>", "421 4.7.0").expectNext(Next.CLOSE);
        assertFalse(t.session.isAuthenticated());
        assertEquals(1, t.listener.deliveries.size());
    }

    @Test
    void anUnauthenticatedSessionIsNotAsked() {
        Transcript t = Transcript.start().ehlo().send("MAIL FROM:<>", "250 2.1.0");
        assertTrue(t.listener.loginChecks.isEmpty());
    }

    @Test
    void aLoginCheckThatCannotBeMadeRefusesTheMailButKeepsTheSession() {
        Transcript t = Transcript.start().loggedIn();
        t.listener.loginCheckFailure = new IllegalStateException("database down");
        t.send("MAIL FROM:<alice@example.com>", "451 4.3.0").expectNext(Next.CONTINUE);
        t.listener.loginCheckFailure = null;
        t.send("MAIL FROM:<alice@example.com>", "250 2.1.0");
        assertTrue(t.session.isAuthenticated());
    }

    @Test
    void aSessionPastItsLifetimeIsEndedAtTheNextCommand() throws InterruptedException {
        Limits shortLived = Limits.defaults().withTimeLimits(Duration.ofMinutes(5), Duration.ofMinutes(30), 500,
                Duration.ofMillis(50), Duration.ofSeconds(10));
        Transcript t = Transcript.start(shortLived).loggedIn();
        Thread.sleep(100);
        t.send("NOOP", "421 4.4.2").expectNext(Next.CLOSE);
        assertTrue(t.last.lastLine().contains("Session time limit"), t.last.lastLine());
    }
}
