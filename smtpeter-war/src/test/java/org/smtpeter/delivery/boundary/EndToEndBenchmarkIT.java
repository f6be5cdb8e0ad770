package org.smtpeter.delivery.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.smtpeter.testing.RawSmtpClient.expect;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smtpeter.testing.Mails;
import org.smtpeter.testing.RawSmtpClient;
import org.smtpeter.testing.Relay;
import org.smtpeter.testing.RelayExtension;
import org.smtpeter.testing.SmtpSink;
import org.smtpeter.testing.TestCredential;

/**
 * Figures, not targets: many clients submit 10 KB messages at once over STARTTLS + AUTH; the
 * relay accepts them (each 250 only after the commit) and delivers them to the sink. Prints
 * accepted and delivered messages per second and the latency from 250 to arrival at the sink,
 * and writes them to target/benchmarks/. It asserts only that every message arrived once.
 */
@ExtendWith(RelayExtension.class)
class EndToEndBenchmarkIT {

    private static final int CLIENTS = 20;
    private static final int MESSAGES_PER_CLIENT = 25;
    private static final int SIZE = 10 * 1024;

    @Test
    void acceptedAndDeliveredPerSecondWithManyClients(Relay relay) throws Exception {
        TestCredential credential = relay.newCredential();
        String run = java.util.UUID.randomUUID().toString().substring(0, 8);
        Map<String, Long> acknowledgedAt = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        long started = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            done.add(clients.submit(() -> {
                try (RawSmtpClient smtp = new RawSmtpClient(relay.submissionPort())) {
                    smtp.login(credential.username(), credential.password());
                    for (int m = 0; m < MESSAGES_PER_CLIENT; m++) {
                        String recipient = "bench-" + run + "-" + client + "-" + m + "@bench.example";
                        expect("250", smtp.command("MAIL FROM:<bench@it.example.org>"));
                        expect("250", smtp.command("RCPT TO:<" + recipient + ">"));
                        expect("354", smtp.command("DATA"));
                        smtp.write(Mails.ofSize("bench@it.example.org", recipient, SIZE));
                        expect("250", smtp.command("."));
                        acknowledgedAt.put(recipient, System.nanoTime());
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        long allAccepted = System.nanoTime();
        clients.shutdown();

        List<Long> latencies = new ArrayList<>();
        long lastArrival = 0;
        for (Map.Entry<String, Long> message : acknowledgedAt.entrySet()) {
            SmtpSink.Received arrived = relay.sink().awaitFor(message.getKey(), Duration.ofSeconds(120));
            latencies.add(arrived.arrivedNanos() - message.getValue());
            lastArrival = Math.max(lastArrival, arrived.arrivedNanos());
            assertEquals(1, relay.sink().receivedFor(message.getKey()).size(), "delivered once: " + message.getKey());
        }
        Collections.sort(latencies);
        int total = CLIENTS * MESSAGES_PER_CLIENT;
        String figure = String.format(Locale.ROOT,
                "end-to-end benchmark (%s): %d clients x %d messages of %d KB; accepted %.0f/s (%.2f s), "
                        + "delivered %.0f/s (%.2f s); latency from 250 to sink: median %.0f ms, p99 %.0f ms, max %.0f ms",
                relay.server().database(), CLIENTS, MESSAGES_PER_CLIENT, SIZE / 1024,
                total / seconds(allAccepted - started), seconds(allAccepted - started),
                total / seconds(lastArrival - started), seconds(lastArrival - started),
                millis(latencies.get(latencies.size() / 2)), millis(latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1)),
                millis(latencies.get(latencies.size() - 1)));
        System.out.println(figure);
        Path report = Path.of("target", "benchmarks", "end-to-end-" + relay.server().database() + ".txt");
        Files.createDirectories(report.getParent());
        Files.writeString(report, figure + System.lineSeparator());
        assertEquals(total, latencies.size());
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
