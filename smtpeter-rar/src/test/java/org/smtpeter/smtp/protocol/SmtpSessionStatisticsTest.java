package org.smtpeter.smtp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smtpeter.smtp.protocol.Transcript.plain;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.smtpeter.smtp.api.SmtpStatistics;
import org.smtpeter.smtp.api.SmtpStatistics.Count;
import org.smtpeter.smtp.api.SmtpStatistics.Stage;
import org.smtpeter.smtp.api.ListenerRole;

/** What the session counts for the metrics, where each reply is decided. */
class SmtpSessionStatisticsTest {

    private static final String ROLE = "submission";
    private static final String MESSAGE = "Subject: counted\r\n\r\nHello\r\n";

    private final SmtpStatistics statistics = new SmtpStatistics();
    private final List<Long> acceptanceTimes = new ArrayList<>();

    private Transcript transcript(AuthThrottle throttle) {
        statistics.addObserver((role, nanos) -> acceptanceTimes.add(nanos));
        return new Transcript(new SessionSettings("mx.test", ListenerRole.SUBMISSION, true, Limits.defaults(), statistics),
                RecordingListener.strict(), throttle);
    }

    private Transcript transcript() {
        return transcript(AuthThrottle.NONE);
    }

    private long count(Count what) {
        return statistics.count(ROLE, what);
    }

    private long rejections(Stage stage, int replyClass) {
        return statistics.rejections(ROLE, stage, replyClass);
    }

    @Test
    void theGreetingStartsASession() {
        transcript().session.greeting();
        assertEquals(1, count(Count.SESSIONS));
        assertEquals(0, statistics.count("mta", Count.SESSIONS));
    }

    @Test
    void authSuccessesAndFailuresAreCounted() {
        Transcript t = transcript().tls().ehlo()
                .send("AUTH PLAIN " + plain("", "alice", "wrong"), "535 5.7.8")
                .send("AUTH PLAIN " + plain("mallory", "alice", "secret"), "535 5.7.8") // acting as another user
                .send("AUTH PLAIN !!!", "501 5.5.2") // malformed: no credentials were even tried
                .send("AUTH PLAIN " + plain("", "alice", "secret"), "235 2.7.0");

        assertEquals(2, count(Count.AUTH_FAILED));
        assertEquals(1, count(Count.AUTH_SUCCEEDED));
        assertEquals(0, count(Count.AUTH_THROTTLED));
        assertTrue(t.session.isAuthenticated());
    }

    @Test
    void aThrottledAuthIsCountedApart() {
        AuthThrottle blocked = new AuthThrottle() {
            @Override
            public boolean tryAttempt(String clientAddress) {
                return false;
            }

            @Override
            public void failed(String clientAddress) {
            }

            @Override
            public void refund(String clientAddress) {
            }
        };
        transcript(blocked).tls().ehlo().send("AUTH PLAIN " + plain("", "alice", "secret"), "421 4.7.0");

        assertEquals(1, count(Count.AUTH_THROTTLED));
        assertEquals(0, count(Count.AUTH_FAILED));
    }

    @Test
    void refusalsAreCountedByStageAndReplyClass() {
        transcript().tls().ehlo()
                .send("DATA", "503 5.5.1") // no MAIL yet
                .send("MAIL FROM:<a@example.com> FOO=bar", "555 5.5.4")
                .send("MAIL FROM:<a@example.com>", "250 2.1.0")
                .send("RCPT TO:<b@example.net>", "530 5.7.0") // not logged in: the listener refuses
                .send("DATA", "554 5.5.1"); // no valid recipients

        assertEquals(1, rejections(Stage.MAIL, 5));
        assertEquals(1, rejections(Stage.RCPT, 5));
        assertEquals(2, rejections(Stage.DATA, 5));
        assertEquals(0, rejections(Stage.MAIL, 4) + rejections(Stage.RCPT, 4) + rejections(Stage.DATA, 4));
    }

    @Test
    void anAcceptedMessageIsCountedAndTimed() {
        loggedInTransaction().data(DataReader.Outcome.COMPLETE, MESSAGE, "250 2.0.0");

        assertEquals(1, count(Count.MESSAGES_ACCEPTED));
        assertEquals(1, acceptanceTimes.size());
        assertTrue(acceptanceTimes.get(0) >= 0);
        assertEquals(0, rejections(Stage.END_OF_DATA, 4) + rejections(Stage.END_OF_DATA, 5));
    }

    @Test
    void aFailingApplicationIsATemporaryRejectionAtTheEndOfData() {
        Transcript t = loggedInTransaction();
        t.listener.deliverFailure = new IllegalStateException("database down");
        t.data(DataReader.Outcome.COMPLETE, MESSAGE, "451 4.3.0");

        assertEquals(1, rejections(Stage.END_OF_DATA, 4));
        assertEquals(0, count(Count.MESSAGES_ACCEPTED));
        assertEquals(List.of(), acceptanceTimes);
    }

    @Test
    void dataTheAdapterRefusesItselfIsARejectionToo() {
        loggedInTransaction().data(DataReader.Outcome.TOO_BIG, "", "552 5.3.4");
        assertEquals(1, rejections(Stage.END_OF_DATA, 5));
    }

    @Test
    void aClientThatHangsUpInTheDataGetsNoReplyAndIsNotCounted() {
        loggedInTransaction().data(DataReader.Outcome.DISCONNECTED, "", "");
        assertEquals(0, rejections(Stage.END_OF_DATA, 4) + rejections(Stage.END_OF_DATA, 5));
        assertEquals(0, count(Count.MESSAGES_ACCEPTED));
    }

    private Transcript loggedInTransaction() {
        return transcript().loggedIn()
                .send("MAIL FROM:<a@example.com>", "250 2.1.0")
                .send("RCPT TO:<b@example.net>", "250")
                .send("DATA", "354");
    }
}
