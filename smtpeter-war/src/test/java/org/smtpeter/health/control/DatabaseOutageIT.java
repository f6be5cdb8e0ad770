package org.smtpeter.health.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.smtpeter.testing.MailLoad;
import org.smtpeter.testing.PayaraMicro;
import org.smtpeter.testing.PostgreSql;
import org.smtpeter.testing.Relay;
import org.smtpeter.testing.SmtpSink;

/**
 * PostgreSQL goes away under load (a proxy of the test's own between the relay and the database is
 * cut; the shared database server stays up): new mail gets a 4xx, never a 250 without a commit;
 * nothing acknowledged is lost; readiness turns DOWN and back UP; and once the database is back the
 * queue moves again within seconds, without a restart.
 */
class DatabaseOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(10);
    private static final Duration TURNS_DOWN_WITHIN = Duration.ofSeconds(15);
    private static final Duration COMES_BACK_WITHIN = Duration.ofSeconds(30);

    @Test
    void mailDuringAnOutageIsRefusedWithA4xxAndNothingAcknowledgedIsLost() throws Exception {
        Assumptions.assumeTrue(PostgreSql.inUse(),
                "needs PostgreSQL behind a proxy (H2 is embedded and cannot go away); runs in the PostgreSQL pass");
        try (TcpProxy proxy = new TcpProxy(System.getProperty("smtpeter.it.db.host", "127.0.0.1"),
                Integer.parseInt(System.getProperty("smtpeter.it.db.port", "5432")));
             SmtpSink sink = new SmtpSink()) {
            proxy.open();
            Relay relay = Relay.start(new PayaraMicro("database-outage", Map.of(
                    "smtpeter.delivery.smarthost", "127.0.0.1:" + sink.port(),
                    "smtpeter.delivery.retry-schedule", "PT1S,PT2S,PT4S",
                    "smtpeter.delivery.poll-interval-millis", "200")).databaseAddress("127.0.0.1", proxy.port()), sink);
            try {
                Health health = new Health(relay.server().httpPort());
                MailLoad load = new MailLoad(relay.newCredential(), List.of(relay::submissionPort), 5).start(4);
                Thread.sleep(3_000);

                proxy.cut();
                Health.Answer down = health.await("/health/ready", answer -> answer.status() == 503, TURNS_DOWN_WITHIN);
                Map<String, Integer> beforeOutage = load.refusals();
                Thread.sleep(OUTAGE.toMillis());
                Map<String, Integer> duringOutage = load.refusals();

                proxy.open();
                long reopened = System.nanoTime();
                health.await("/health/ready", answer -> answer.status() == 200, COMES_BACK_WITHIN);
                Duration ready = Duration.ofNanos(System.nanoTime() - reopened);
                Thread.sleep(3_000);
                load.close();
                MailLoad.Tally tally = load.awaitDelivered(sink, COMES_BACK_WITHIN);
                Duration delivered = Duration.ofNanos(System.nanoTime() - reopened);

                System.out.println("DatabaseOutageIT: " + tally + "; refused before " + beforeOutage + ", during "
                        + duringOutage + ", in all " + load.refusals() + "; ready DOWN (" + down.check("database")
                        + "), UP " + ready.toMillis() + " ms after the database came back, all acknowledged mail"
                        + " delivered " + delivered.toMillis() + " ms after");
                assertEquals(0, tally.lost(), () -> "lost: " + tally.lostRecipients());
                assertFalse(duringOutage.equals(beforeOutage), "mail was refused during the outage: " + duringOutage);
                load.refusals().keySet().forEach(code -> assertFalse(code.startsWith("5") || code.startsWith("2"),
                        () -> "clients saw " + load.refusals()));
                assertTrue(delivered.compareTo(COMES_BACK_WITHIN) <= 0, "the queue moved again in " + delivered);
            } finally {
                relay.close();
            }
        }
    }
}
