package org.smtpeter.smtp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.smtpeter.smtp.api.SmtpStatistics.Count;
import org.smtpeter.smtp.api.SmtpStatistics.Stage;

class SmtpStatisticsTest {

    private final SmtpStatistics statistics = new SmtpStatistics();

    @Test
    void everyRoleStartsAtZero() {
        for (String role : SmtpStatistics.ROLES) {
            for (Count count : Count.values()) {
                assertEquals(0, statistics.count(role, count), role + " " + count);
            }
            for (Stage stage : Stage.values()) {
                assertEquals(0, statistics.rejections(role, stage, 4));
                assertEquals(0, statistics.rejections(role, stage, 5));
            }
            assertEquals(0, statistics.openConnections(role));
        }
    }

    @Test
    void repliesCountAsRejectionsByStageAndClassAndAsAcceptancesAtTheEndOfData() {
        statistics.replied("submission", Stage.RCPT, 530);
        statistics.replied("submission", Stage.RCPT, 452);
        statistics.replied("submission", Stage.RCPT, 250);
        statistics.replied("submission", Stage.MAIL, 250);
        statistics.replied("submission", Stage.END_OF_DATA, 250);
        statistics.replied("submission", Stage.END_OF_DATA, 451);
        statistics.replied("mta", Stage.END_OF_DATA, 554);
        statistics.replied("smtps", Stage.DATA, 354); // the go-ahead is neither

        assertEquals(1, statistics.rejections("submission", Stage.RCPT, 5));
        assertEquals(1, statistics.rejections("submission", Stage.RCPT, 4));
        assertEquals(0, statistics.rejections("submission", Stage.MAIL, 5));
        assertEquals(1, statistics.rejections("submission", Stage.END_OF_DATA, 4));
        assertEquals(1, statistics.count("submission", Count.MESSAGES_ACCEPTED));
        assertEquals(1, statistics.rejections("mta", Stage.END_OF_DATA, 5));
        assertEquals(0, statistics.count("mta", Count.MESSAGES_ACCEPTED));
        assertEquals(0, statistics.count("smtps", Count.MESSAGES_ACCEPTED));
        assertEquals(0, statistics.rejections("smtps", Stage.DATA, 4) + statistics.rejections("smtps", Stage.DATA, 5));
    }

    @Test
    void onlyReplyClassesFourAndFiveExist() {
        assertThrows(IllegalArgumentException.class, () -> statistics.rejections("mta", Stage.MAIL, 2));
    }

    @Test
    void openConnectionsGoUpAndDown() {
        statistics.connectionOpened("smtps");
        statistics.connectionOpened("smtps");
        statistics.connectionClosed("smtps");
        assertEquals(1, statistics.openConnections("smtps"));
        assertEquals(0, statistics.openConnections("submission"));
    }

    @Test
    void observersHearOfAcceptanceTimesAndAFailingOneStopsNobody() {
        List<String> heard = new ArrayList<>();
        SmtpStatistics.AcceptanceObserver failing = (role, nanos) -> {
            throw new IllegalStateException("broken observer");
        };
        SmtpStatistics.AcceptanceObserver recording = (role, nanos) -> heard.add(role + "=" + nanos);
        statistics.addObserver(failing);
        statistics.addObserver(recording);

        statistics.acceptanceTime("submission", 1_500_000);
        statistics.removeObserver(recording);
        statistics.acceptanceTime("submission", 7);

        assertEquals(List.of("submission=1500000"), heard);
    }

    @Test
    void countsFromManyThreadsAddUpExactly() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        statistics.increment("mta", Count.CONNECTIONS);
                        statistics.connectionOpened("mta");
                        statistics.replied("mta", Stage.RCPT, 550);
                        statistics.connectionClosed("mta");
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            threads.shutdown();
        }
        assertEquals(80_000, statistics.count("mta", Count.CONNECTIONS));
        assertEquals(80_000, statistics.rejections("mta", Stage.RCPT, 5));
        assertEquals(0, statistics.openConnections("mta"));
    }

    @Test
    void theRolesAreTheAdaptersListenerRoles() {
        assertEquals(SmtpStatistics.ROLES, java.util.Arrays.stream(org.smtpeter.smtp.api.ListenerRole.values())
                .map(org.smtpeter.smtp.api.ListenerRole::key).toList());
    }
}
