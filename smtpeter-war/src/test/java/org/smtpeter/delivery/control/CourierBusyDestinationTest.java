package org.smtpeter.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smtpeter.features.control.Content;
import org.smtpeter.smtp.api.SettingsCheck;
import org.smtpeter.testing.PlainThreads;
import org.smtpeter.testing.SmtpSink;

/**
 * A share that finds every connection to its destination busy, with a real SMTP sink and Angus:
 * it waits a moment for one instead of being put back (and prepared again).
 */
class CourierBusyDestinationTest {

    private final Courier courier = new Courier();
    private SmtpSink sink;
    private Hop sinkHop;

    @BeforeEach
    void setUp() throws Exception {
        sink = new SmtpSink();
        DeliverySettings settings = new DeliverySettings().read(new SettingsCheck(key -> Optional.ofNullable(Map.of(
                "smtpeter.hostname", "relay.test",
                "smtpeter.delivery.smarthost", "127.0.0.1:" + sink.port(),
                "smtpeter.delivery.smarthost.tls", "none",
                "smtpeter.delivery.max-per-destination", "1").get(key))));
        Routes routes = new Routes();
        routes.settings = settings;
        routes.createResolver();
        DestinationLimits limits = new DestinationLimits();
        limits.settings = settings;
        IdleConnections idle = new IdleConnections();
        idle.clock = Clock.systemUTC();
        courier.settings = settings;
        courier.routes = routes;
        courier.limits = limits;
        courier.clock = Clock.systemUTC();
        courier.idleConnections = idle;
        courier.threads = new PlainThreads();
        courier.start();
        sinkHop = routes.route("example.test").get(0);
    }

    @AfterEach
    void tearDown() throws Exception {
        courier.idleConnections.stop();
        courier.stop();
        sink.close();
    }

    @Test
    void aShareWaitsForTheDestinationsOnlyConnectionToBeGivenBack() throws Exception {
        assertTrue(courier.limits.tryAcquire(sinkHop), "another share holds the only connection");
        Thread otherShareEnds = new Thread(() -> {
            sleep(Duration.ofMillis(300));
            courier.limits.release(sinkHop);
        });
        otherShareEnds.start();

        long started = System.nanoTime();
        List<AttemptResult> results = courier.send("example.test", List.of(parcel(7, "waits@example.test")));
        long waitedMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        otherShareEnds.join();

        assertEquals(1, results.size());
        assertFalse(results.get(0).busy(), "sent once the connection was given back: " + results.get(0).reply());
        assertEquals(250, results.get(0).reply().code());
        assertTrue(waitedMillis >= 250, "it waited for the other share: " + waitedMillis + " ms");
        assertEquals(1, sink.receivedFor("waits@example.test").size());
    }

    @Test
    void aConnectionKeptIdleByTheShareBeforeIsTakenWithoutANewOne() throws Exception {
        courier.send("example.test", List.of(parcel(1, "first@example.test")));
        courier.send("example.test", List.of(parcel(2, "second@example.test")));

        assertEquals(2, sink.received().size());
        assertEquals(1, sink.connections(), "the second share took the connection the first kept open");
    }

    @Test
    void aShareStillFindingItBusyAfterTheWaitIsReportedBusyNotAttempted() throws Exception {
        assertTrue(courier.limits.tryAcquire(sinkHop), "another share holds the only connection for long");

        long started = System.nanoTime();
        List<AttemptResult> results = courier.send("example.test", List.of(parcel(9, "later@example.test")));
        long waitedMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();

        assertEquals(1, results.size());
        assertTrue(results.get(0).busy(), "put back by the queue without counting as an attempt");
        assertEquals("4.4.5", results.get(0).reply().enhancedCode());
        assertTrue(waitedMillis >= Courier.BUSY_WAIT.toMillis() - 50, "waited " + waitedMillis + " ms first");
        assertEquals(0, sink.connections());
        courier.limits.release(sinkHop);
    }

    private static Parcel parcel(long deliveryId, String recipient) {
        byte[] message = ("From: sender@example.org\r\nTo: " + recipient + "\r\nSubject: busy\r\n\r\nHello.\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        Content content = Content.of(message);
        return new Parcel("m" + deliveryId, "sender@example.org", List.of(new Parcel.Addressee(deliveryId, recipient)),
                content, content);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
