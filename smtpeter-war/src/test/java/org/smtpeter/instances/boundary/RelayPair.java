package org.smtpeter.instances.boundary;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.smtpeter.testing.MailLoad;
import org.smtpeter.testing.PostgreSql;
import org.smtpeter.testing.Relay;
import org.smtpeter.testing.SmtpSink;
import org.smtpeter.testing.TestCredential;

/**
 * Two relays of one installation: one PostgreSQL schema, their own ports and host names, one sink
 * as their smart host, and a credential that both accept.
 */
final class RelayPair implements AutoCloseable {

    static final String BALANCER = "127.0.0.2";

    final SmtpSink sink;
    final Relay first;
    final Relay second;
    final TestCredential credential;

    RelayPair(String name) throws Exception {
        sink = new SmtpSink();
        first = Relay.start(name + "-a", sink, settings("relay-a.test"));
        second = Relay.startSharing(name + "-b", first, settings("relay-b.test"));
        credential = first.newCredential();
    }

    private Map<String, String> settings(String hostName) {
        return Map.of("smtpeter.hostname", hostName,
                "smtpeter.delivery.smarthost", "127.0.0.1:" + sink.port(),
                "smtpeter.delivery.retry-schedule", "PT1S,PT2S,PT4S",
                "smtpeter.delivery.poll-interval-millis", "200",
                // A balancer on 127.0.0.2 (the tests connect from there to send a PROXY header).
                "smtpeter.proxy-protocol.trusted", BALANCER);
    }

    List<Relay> both() {
        return List.of(first, second);
    }

    /** Clients for both relays, every {@code slowEvery}-th message one that the sink takes long to accept. */
    MailLoad load(int slowEvery) {
        return new MailLoad(credential, List.of(first::submissionPort, second::submissionPort), slowEvery);
    }

    /** The recipients of deliveries that the relay process {@code pid} is sending, as the database says. */
    Set<String> sendingBy(long pid) throws Exception {
        return new TreeSet<>(PostgreSql.column("SELECT d.recipient FROM " + schema() + ".delivery d JOIN " + schema()
                + ".relay_instance i ON d.claimed_by = i.id WHERE d.state = 'SENDING' AND i.host_name LIKE '"
                + pid + "@%'"));
    }

    /** Waits until no delivery waits or is being sent; false if that takes longer than {@code timeout}. */
    boolean awaitEmptyQueue(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String count = "SELECT count(*) FROM " + schema() + ".delivery WHERE state IN ('QUEUED', 'DEFERRED', 'SENDING')";
        while (!PostgreSql.column(count).equals(List.of("0"))) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(200);
        }
        return true;
    }

    private String schema() {
        return first.server().schema();
    }

    @Override
    public void close() throws Exception {
        second.server().stop();
        first.close();
    }
}
