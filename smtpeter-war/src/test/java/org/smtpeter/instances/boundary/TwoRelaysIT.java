package org.smtpeter.instances.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.smtpeter.testing.MailLoad;
import org.smtpeter.testing.PostgreSql;
import org.smtpeter.testing.Relay;
import org.smtpeter.testing.SmtpSink;
import org.smtpeter.testing.TestCredential;

/**
 * Two relays on one PostgreSQL database, each on its own ports, delivering to one sink: under
 * normal operation every acknowledged message arrives exactly once; after a kill -9 of one under
 * load, the other sends what the dead one had claimed within 60 s (the default heartbeat and
 * dead-after), nothing acknowledged is lost, and a duplicate can only be a message that the dead
 * relay was sending at the kill. H2 is embedded in one process, so this runs in the PostgreSQL pass.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoRelaysIT {

    static final Duration RECOVERY = Duration.ofSeconds(60);
    private static final int CONNECTIONS = 8;

    private static SmtpSink sink;
    private static Relay first;
    private static Relay second;
    private static TestCredential credential;

    @BeforeAll
    static void start() throws Exception {
        if (!PostgreSql.inUse()) {
            return; // each test says why it is skipped
        }
        sink = new SmtpSink();
        first = Relay.start("two-relays-a", sink, settings("relay-a.test"));
        second = Relay.startSharing("two-relays-b", first, settings("relay-b.test"));
        credential = first.newCredential();
    }

    static Map<String, String> settings(String hostName) {
        return Map.of("smtpeter.hostname", hostName,
                "smtpeter.delivery.smarthost", "127.0.0.1:" + sink.port(),
                "smtpeter.delivery.retry-schedule", "PT1S,PT2S,PT4S",
                "smtpeter.delivery.poll-interval-millis", "200");
    }

    @AfterAll
    static void stop() throws Exception {
        if (second != null) {
            second.server().stop();
        }
        if (first != null) {
            first.close();
        }
    }

    @BeforeEach
    void needsPostgreSql() {
        Assumptions.assumeTrue(PostgreSql.inUse(),
                "needs several processes on one database (H2 is embedded in one); runs in the PostgreSQL pass");
    }

    @Test
    @Order(1)
    void bothAcceptAndDeliverAndEveryMessageArrivesExactlyOnce() throws Exception {
        MailLoad load = new MailLoad(credential, List.of(first::submissionPort, second::submissionPort), 10)
                .start(CONNECTIONS);
        Thread.sleep(5_000);
        load.close();

        MailLoad.Tally tally = load.awaitDelivered(sink, RECOVERY);
        System.out.println("two relays, normal operation: " + tally + ", refused " + load.refusals());
        assertTrue(tally.acknowledged() > 50, tally::toString);
        assertEquals(0, tally.lost(), () -> "lost: " + tally.lostRecipients());
        assertEquals(0, tally.duplicated(), () -> "duplicated: " + tally.duplicatedRecipients());
        Set<String> senders = sink.received().stream()
                .filter(message -> message.recipients().get(0).contains(load.prefix()))
                .map(SmtpSink.Received::heloName).collect(Collectors.toSet());
        assertEquals(Set.of("relay-a.test", "relay-b.test"), senders, "both relays deliver");
    }

    @Test
    @Order(2)
    void afterAKillTheOtherSendsWhatTheDeadOneHadClaimed() throws Exception {
        MailLoad load = new MailLoad(credential, List.of(first::submissionPort, second::submissionPort), 5)
                .start(CONNECTIONS);
        Thread.sleep(4_000);
        long deadPid = first.server().pid();
        first.server().kill();
        long killed = System.nanoTime();
        Set<String> claimedByTheDead = new TreeSet<>(PostgreSql.column("SELECT d.recipient FROM "
                + schema() + ".delivery d JOIN " + schema() + ".relay_instance i ON d.claimed_by = i.id"
                + " WHERE d.state = 'SENDING' AND i.host_name LIKE '" + deadPid + "@%'"));
        Thread.sleep(5_000); // the dead relay's clients go on at the other one
        load.close();

        MailLoad.Tally tally = load.awaitDelivered(sink, RECOVERY.minusNanos(System.nanoTime() - killed));
        Duration recovered = Duration.ofNanos(System.nanoTime() - killed);
        awaitEmptyQueue();
        System.out.println("two relays, kill -9 of one under load: " + tally + "; the dead one was sending "
                + claimedByTheDead.size() + "; all delivered " + recovered.toMillis() + " ms after the kill; refused "
                + load.refusals() + "; unanswered at the kill " + load.unanswered().size());
        assertFalse(claimedByTheDead.isEmpty(), "the dead relay was sending mail at the kill");
        assertEquals(0, tally.lost(), () -> "lost: " + tally.lostRecipients());
        assertTrue(recovered.compareTo(RECOVERY) <= 0, "recovered in " + recovered);
        assertTrue(claimedByTheDead.containsAll(tally.duplicatedRecipients()),
                () -> "duplicates of mail not in flight: " + tally.duplicatedRecipients());
    }

    private static String schema() {
        return first.server().schema();
    }

    private static void awaitEmptyQueue() throws Exception {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        String count = "SELECT count(*) FROM " + schema() + ".delivery WHERE state IN ('QUEUED', 'DEFERRED', 'SENDING')";
        while (!PostgreSql.column(count).equals(List.of("0"))) {
            assertTrue(System.nanoTime() < deadline, "the queue is empty again");
            Thread.sleep(200);
        }
    }
}
