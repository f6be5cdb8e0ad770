package org.smtpeter.metrics.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smtpeter.metrics.control.PrometheusText.series;
import static org.smtpeter.testing.RawSmtpClient.expect;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smtpeter.testing.Mails;
import org.smtpeter.testing.RawSmtpClient;
import org.smtpeter.testing.Relay;
import org.smtpeter.testing.RelayExtension;
import org.smtpeter.testing.TestCredential;

/**
 * The application metrics as a Prometheus server scrapes them from Payara: traffic over SMTP
 * (STARTTLS and AUTH, one failed login, one refused recipient, one message to three recipients
 * of which the sink defers one once and refuses one) moves exactly the series it should. The
 * relay is shared with other tests, so the test compares values before and after, and first waits
 * until the outbound queue is empty, so that no earlier test's retries run in between.
 */
@ExtendWith(RelayExtension.class)
class MetricsIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    /** Its own loopback address: the AUTH throttle counts failures per address, and other tests fail logins too. */
    private static final String FAILING_CLIENT = "127.0.0.83";
    /**
     * What the message moves in the series counted from committed events: the first attempt is
     * delivered, deferred and failed once each; then the retry and the failure notice are delivered.
     * Every event by type is counted too, the same ones the JMS topic gets.
     */
    private static final Map<String, Double> MAIL_SERIES = Map.ofEntries(
            Map.entry(series(MailEventMetrics.ACCEPTED, "listener", "submission"), 1.0),
            Map.entry(series(MailEventMetrics.ATTEMPTS, "result", "delivered"), 3.0),
            Map.entry(series(MailEventMetrics.ATTEMPTS, "result", "deferred"), 1.0),
            Map.entry(series(MailEventMetrics.ATTEMPTS, "result", "failed"), 1.0),
            Map.entry(series("smtpeter_delivery_attempt_seconds_count", "result", "delivered"), 3.0),
            Map.entry(series("smtpeter_delivery_attempt_seconds_count", "result", "deferred"), 1.0),
            Map.entry(series("smtpeter_delivery_attempt_seconds_count", "result", "failed"), 1.0),
            Map.entry(series(MailEventMetrics.EVENTS, "type", "accepted"), 1.0),
            Map.entry(series(MailEventMetrics.EVENTS, "type", "delivered"), 3.0),
            Map.entry(series(MailEventMetrics.EVENTS, "type", "deferred"), 1.0),
            Map.entry(series(MailEventMetrics.EVENTS, "type", "failed"), 1.0));

    @Test
    void smtpTrafficAndDeliveriesMoveTheirSeries(Relay relay) throws Exception {
        TestCredential credential = relay.newCredential();
        PrometheusText before = await(relay, MetricsIT::queueIsEmpty, "an empty queue before the test");

        failedLoginThenRefusedRecipient(relay);
        String sender = Mails.uniqueSender();
        String delivered = unique("metrics");
        String deferredOnce = unique("tempfail-once-metrics");
        String refused = unique("reject-metrics");
        relay.submit(credential, sender, Mails.simple(sender, delivered, "metrics"), delivered, deferredOnce, refused);

        // the refusal sends a failure notice back to the sender; the deferred copy goes on the retry
        relay.sink().awaitFor(sender, WAIT);
        relay.sink().awaitFor(deferredOnce, WAIT);
        // the exporter reads one series after another while deliveries are counted, so wait for every one of them
        PrometheusText after = await(relay, text -> queueIsEmpty(text) && MAIL_SERIES.entrySet().stream()
                        .allMatch(expected -> delta(before, text, expected.getKey()) >= expected.getValue()),
                "every attempt counted and the queue empty again");

        // SMTP, counted by the adapter: two sessions on submission, nothing on the other roles
        assertDelta(2, before, after, series("smtpeter_smtp_connections_total", "role", "submission"));
        assertDelta(2, before, after, series("smtpeter_smtp_sessions_total", "role", "submission"));
        assertDelta(0, before, after, series("smtpeter_smtp_connections_refused_total", "role", "submission"));
        assertDelta(0, before, after, series("smtpeter_smtp_connections_total", "role", "smtps"));
        assertDelta(0, before, after, series("smtpeter_smtp_connections_total", "role", "mta"));
        assertEquals(0, after.value(series("smtpeter_smtp_connections_open", "role", "submission")));
        assertDelta(1, before, after, series("smtpeter_smtp_auth_total", "role", "submission", "result", "success"));
        assertDelta(1, before, after, series("smtpeter_smtp_auth_total", "role", "submission", "result", "failure"));
        assertDelta(0, before, after, series("smtpeter_smtp_auth_total", "role", "submission", "result", "throttled"));
        assertDelta(1, before, after, series("smtpeter_smtp_rejections_total",
                "role", "submission", "stage", "rcpt", "class", "5xx"));
        assertDelta(0, before, after, series("smtpeter_smtp_rejections_total",
                "role", "submission", "stage", "mail", "class", "5xx"));
        assertDelta(0, before, after, series("smtpeter_smtp_rejections_total",
                "role", "submission", "stage", "end_of_data", "class", "4xx"));
        assertDelta(1, before, after, series("smtpeter_smtp_messages_accepted_total", "role", "submission"));
        assertDelta(1, before, after, series("smtpeter_smtp_acceptance_seconds_count", "role", "submission"));
        assertTrue(delta(before, after, series("smtpeter_smtp_acceptance_seconds_sum", "role", "submission")) > 0,
                "the acceptance took some time");

        // mail, counted from the committed events
        MAIL_SERIES.forEach((series, expected) -> assertDelta(expected, before, after, series));
    }

    @Test
    void theQueueIsCountedByState(Relay relay) throws Exception {
        String sender = Mails.uniqueSender();
        String held = unique("hold-metrics");
        relay.submit(sender, Mails.simple(sender, held, "held"), held);

        PrometheusText deferred = await(relay,
                text -> text.value(series(QueueMetrics.NAME, "state", "deferred")) >= 1, "a deferred delivery");
        assertTrue(deferred.has(series(QueueMetrics.NAME, "state", "queued")));
        assertTrue(deferred.has(series(QueueMetrics.NAME, "state", "sending")));

        relay.sink().release(held);
        relay.sink().awaitFor(held, WAIT);
    }

    private static void failedLoginThenRefusedRecipient(Relay relay) throws Exception {
        try (RawSmtpClient client = new RawSmtpClient(relay.submissionPort(), FAILING_CLIENT)) {
            expect("220", client.reply());
            expect("250", client.command("EHLO client.test"));
            expect("220", client.command("STARTTLS"));
            client.startTls();
            expect("250", client.command("EHLO client.test"));
            String wrong = Base64.getEncoder().encodeToString("\0nobody\0wrong".getBytes(StandardCharsets.UTF_8));
            expect("535 5.7.8", client.command("AUTH PLAIN " + wrong));
            expect("250", client.command("MAIL FROM:<" + Mails.uniqueSender() + ">"));
            expect("530", client.command("RCPT TO:<" + unique("nobody") + ">"));
            expect("221", client.command("QUIT"));
        }
    }

    private static boolean queueIsEmpty(PrometheusText text) {
        for (String state : new String[] {"queued", "sending", "deferred"}) {
            if (text.value(series(QueueMetrics.NAME, "state", state)) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Scrapes until the condition holds (the queue gauge is cached for five seconds). */
    private static PrometheusText await(Relay relay, Predicate<PrometheusText> condition, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        PrometheusText text;
        do {
            text = scrape(relay);
            if (condition.test(text)) {
                return text;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no " + what + " within " + WAIT);
    }

    static PrometheusText scrape(Relay relay) {
        HttpResponse<String> response = relay.request(HttpRequest.newBuilder(relay.uri("/metrics?scope=application")).GET());
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"),
                response.headers().toString());
        return PrometheusText.parse(response.body());
    }

    private static double delta(PrometheusText before, PrometheusText after, String series) {
        return after.value(series) - before.value(series);
    }

    private static void assertDelta(double expected, PrometheusText before, PrometheusText after, String series) {
        assertEquals(expected, delta(before, after, series), series + ": " + before.value(series) + " -> " + after.value(series));
    }

    private static String unique(String localPart) {
        return localPart + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.net";
    }
}
