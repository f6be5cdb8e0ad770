package org.smtpeter.instances.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.smtpeter.testing.Mails;
import org.smtpeter.testing.PostgreSql;
import org.smtpeter.testing.RawSmtpClient;
import org.smtpeter.testing.Relay;
import org.smtpeter.testing.SmtpSink;

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

    private static RelayPair relays;
    private static Relay first;
    private static Relay second;

    @BeforeAll
    static void start() throws Exception {
        if (!PostgreSql.inUse()) {
            return; // each test says why it is skipped
        }
        relays = new RelayPair("two-relays");
        first = relays.first;
        second = relays.second;
    }

    @AfterAll
    static void stop() throws Exception {
        if (relays != null) {
            relays.close();
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
        MailLoad load = relays.load(10).start(CONNECTIONS);
        Thread.sleep(5_000);
        load.close();

        MailLoad.Tally tally = load.awaitDelivered(relays.sink, RECOVERY);
        System.out.println("two relays, normal operation: " + tally + ", refused " + load.refusals());
        assertTrue(tally.acknowledged() > 20, tally::toString);
        assertEquals(0, tally.lost(), () -> "lost: " + tally.lostRecipients());
        assertEquals(0, tally.duplicated(), () -> "duplicated: " + tally.duplicatedRecipients());
        Set<String> senders = relays.sink.received().stream()
                .filter(message -> message.recipients().get(0).contains(load.prefix()))
                .map(SmtpSink.Received::heloName).collect(Collectors.toSet());
        assertEquals(Set.of("relay-a.test", "relay-b.test"), senders, "both relays deliver");
    }

    /** Behind a balancer that sends a PROXY header, the Received header names the client, not the balancer. */
    @Test
    @Order(1)
    void aBalancerNamesTheClientInAPROXYHeader() throws Exception {
        String recipient = "fast-proxy-" + java.util.UUID.randomUUID() + "@example.net";
        for (String header : List.of("PROXY TCP4 203.0.113.9 127.0.0.1 40000 587\r\n", "PROXY TCP6 2001:db8::9 ::1 40000 587\r\n")) {
            try (RawSmtpClient client = new RawSmtpClient(second.submissionPort(), RelayPair.BALANCER)) {
                client.write(header);
                client.login(relays.credential.username(), relays.credential.password());
                client.startData("proxy@it.example.org", recipient);
                client.write(Mails.dotStuffed(Mails.simple("proxy@it.example.org", recipient, "through a balancer")));
                RawSmtpClient.expect("250", client.command("."));
            }
        }
        java.util.List<String> texts = awaitTwo(recipient);
        assertTrue(texts.stream().anyMatch(text -> text.contains("([203.0.113.9])")), texts::toString);
        assertTrue(texts.stream().anyMatch(text -> text.contains("([2001:db8:0:0:0:0:0:9])")), texts::toString);
    }

    private static java.util.List<String> awaitTwo(String recipient) throws InterruptedException {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        while (true) {
            java.util.List<String> texts = relays.sink.received().stream().filter(m -> m.recipients().contains(recipient))
                    .map(SmtpSink.Received::text).toList();
            if (texts.size() >= 2 || System.nanoTime() > deadline) {
                return texts;
            }
            Thread.sleep(100);
        }
    }

    @Test
    @Order(2)
    void afterAKillTheOtherSendsWhatTheDeadOneHadClaimed() throws Exception {
        // Paced, so that what is measured is the recovery, not the sink: it takes about 35 messages
        // a second (every fifth is slow), and unpaced relays took 250 to 350 a second, so that the
        // backlog alone (3,188 messages once) could take longer than RECOVERY to drain.
        MailLoad load = relays.load(5).paced(Duration.ofMillis(100)).start(CONNECTIONS);
        Thread.sleep(4_000);
        long deadPid = first.server().pid();
        first.server().kill();
        long killed = System.nanoTime();
        Set<String> claimedByTheDead = relays.sendingBy(deadPid);
        Thread.sleep(5_000); // the dead relay's clients go on at the other one
        load.close();

        MailLoad.Tally tally = load.awaitDelivered(relays.sink, RECOVERY.minusNanos(System.nanoTime() - killed));
        Duration recovered = Duration.ofNanos(System.nanoTime() - killed);
        assertTrue(relays.awaitEmptyQueue(RECOVERY), "the queue is empty again");
        System.out.println("two relays, kill -9 of one under load: " + tally + "; the dead one was sending "
                + claimedByTheDead.size() + "; all delivered " + recovered.toMillis() + " ms after the kill; refused "
                + load.refusals() + "; unanswered at the kill " + load.unanswered().size());
        assertFalse(claimedByTheDead.isEmpty(), "the dead relay was sending mail at the kill");
        assertEquals(0, tally.lost(), () -> "lost: " + tally.lostRecipients());
        assertTrue(recovered.compareTo(RECOVERY) <= 0, "recovered in " + recovered);
        assertTrue(claimedByTheDead.containsAll(tally.duplicatedRecipients()),
                () -> "duplicates of mail not in flight: " + tally.duplicatedRecipients());
    }

    /**
     * SIGTERM to one relay, start it again, then the other, all under load: clients see 4xx (or a
     * closed port while a relay is down, which a load balancer takes out of rotation), never a
     * broken connection or a 250 for mail that then does not arrive; a duplicate can only be mail that
     * was being sent at a stop.
     */
    @Test
    @Order(3)
    void aRollingRestartUnderLoadLosesNothing() throws Exception {
        first.server().start(); // killed by the test before
        // Half the load, paced: each relay starts again beside the other under it, on two cores.
        MailLoad load = relays.load(5).paced(Duration.ofMillis(100)).start(CONNECTIONS / 2);
        Thread.sleep(3_000);
        Set<String> sendingAtStop = new java.util.TreeSet<>();
        for (Relay relay : List.of(first, second)) {
            sendingAtStop.addAll(relays.sendingBy(relay.server().pid()));
            long stopping = System.nanoTime();
            assertTrue(relay.server().terminate(Duration.ofSeconds(90)), "the relay stopped after SIGTERM");
            System.out.println("graceful stop took " + Duration.ofNanos(System.nanoTime() - stopping).toMillis() + " ms");
            relay.server().start();
            Thread.sleep(3_000);
        }
        load.close();

        MailLoad.Tally tally = load.awaitDelivered(relays.sink, RECOVERY);
        assertTrue(relays.awaitEmptyQueue(RECOVERY), "the queue is empty again");
        Map<String, Integer> refusals = load.refusals();
        System.out.println("two relays, rolling restart under load: " + tally + "; being sent at the stops "
                + sendingAtStop.size() + "; refused " + refusals
                + "; unanswered " + load.unanswered().size());
        assertEquals(0, tally.lost(), () -> "lost: " + tally.lostRecipients());
        // A share still being sent when the stop reaches the delivery workers is put back and sent again.
        assertTrue(sendingAtStop.containsAll(tally.duplicatedRecipients()),
                () -> "duplicates of mail not in flight at a stop: " + tally.duplicatedRecipients());
        assertEquals(Set.of(), load.unanswered(), "every message sent got its reply");
        refusals.keySet().forEach(refusal -> assertTrue(refusal.startsWith("4") || refusal.equals(MailLoad.NOT_LISTENING),
                () -> "clients saw " + refusals + "; broken: " + load.brokenBy()));
    }
}
