package org.smtpeter.metrics.control;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;

import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;
import org.smtpeter.events.control.MailEvent;
import org.smtpeter.intake.control.JmsIntake;
import org.smtpeter.smtp.api.ListenerRole;

/**
 * Counts what the committed mail events say: messages accepted (by the listener they came in
 * on, JMS submissions included) and delivery attempts by result, with the attempts' duration.
 * Observed after success, so work that was rolled back is not counted.
 */
@ApplicationScoped
public class MailEventMetrics {

    static final String ACCEPTED = "smtpeter_messages_accepted_total";
    static final String ATTEMPTS = "smtpeter_delivery_attempts_total";
    static final String ATTEMPT_DURATION = "smtpeter_delivery_attempt";
    static final String EVENTS = "smtpeter_mail_events_total";

    private static final Metadata ACCEPTED_METADATA = Metadata.builder().withName(ACCEPTED)
            .withDescription("Messages stored for an account and queued for delivery, by the listener they came in on")
            .withUnit(MetricUnits.NONE).build();
    private static final Metadata ATTEMPTS_METADATA = Metadata.builder().withName(ATTEMPTS)
            .withDescription("Delivery attempts by result: delivered (2xx), deferred (4xx, connection, TLS or DNS "
                    + "trouble; retried), failed (5xx, or given up)")
            .withUnit(MetricUnits.NONE).build();
    private static final Metadata DURATION_METADATA = Metadata.builder().withName(ATTEMPT_DURATION)
            .withDescription("Duration of one delivery attempt, from its start to the next hop's reply, by result")
            .withUnit(MetricUnits.SECONDS).build();

    private static final Metadata EVENTS_METADATA = Metadata.builder().withName(EVENTS)
            .withDescription("Mail events by type, as published on the JMS topic: accepted, rejected, delivered, "
                    + "deferred, failed, bounced, complained, opened, clicked")
            .withUnit(MetricUnits.NONE).build();

    /** The results an attempt can have, as tag values. */
    static final String[] RESULTS = {"delivered", "deferred", "failed"};
    /** Where accepted mail comes from: the SMTP listener roles, and JMS submissions. */
    static final String[] LISTENERS = java.util.stream.Stream.concat(
            java.util.Arrays.stream(ListenerRole.values()).map(ListenerRole::key), java.util.stream.Stream.of(JmsIntake.ROLE))
            .toArray(String[]::new);

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    /** Creates the metrics at zero, so that a dashboard sees them before the first message. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        for (String listener : LISTENERS) {
            registry.counter(ACCEPTED_METADATA, new Tag("listener", listener));
        }
        for (String result : RESULTS) {
            registry.counter(ATTEMPTS_METADATA, new Tag("result", result));
            registry.timer(DURATION_METADATA, new Tag("result", result));
        }
        for (MailEvent.Type type : MailEvent.Type.values()) {
            registry.counter(EVENTS_METADATA, new Tag("type", type.wireName()));
        }
    }

    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) MailEvent event) {
        registry.counter(EVENTS_METADATA, new Tag("type", event.type().wireName())).inc();
        if (event.type() == MailEvent.Type.ACCEPTED) {
            registry.counter(ACCEPTED_METADATA, new Tag("listener", listener(event))).inc();
            return;
        }
        attemptResult(event).ifPresent(result -> {
            registry.counter(ATTEMPTS_METADATA, new Tag("result", result)).inc();
            durationMillis(event).ifPresent(millis ->
                    registry.timer(DURATION_METADATA, new Tag("result", result)).update(Duration.ofMillis(millis)));
        });
    }

    /** delivered, deferred or failed for the events of a delivery attempt; empty for any other event. */
    static Optional<String> attemptResult(MailEvent event) {
        return switch (event.type()) {
            case DELIVERED, DEFERRED, FAILED -> Optional.of(event.type().name().toLowerCase(Locale.ROOT));
            default -> Optional.empty();
        };
    }

    /** The attempt's {@code durationMillis}, when the event carries a sensible one. */
    static Optional<Long> durationMillis(MailEvent event) {
        JsonValue value = event.details().get("durationMillis");
        if (value instanceof JsonNumber number && number.longValue() >= 0) {
            return Optional.of(number.longValue());
        }
        return Optional.empty();
    }

    static String listener(MailEvent event) {
        JsonValue value = event.details().get("listener");
        return value != null && value.getValueType() == JsonValue.ValueType.STRING
                ? event.details().getString("listener") : "unknown";
    }
}
