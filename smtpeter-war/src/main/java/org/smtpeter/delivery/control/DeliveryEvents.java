package org.smtpeter.delivery.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import org.smtpeter.delivery.entity.Delivery;
import org.smtpeter.delivery.entity.DeliveryAttempt;
import org.smtpeter.delivery.entity.DeliveryState;
import org.smtpeter.events.control.MailEvent;
import org.smtpeter.events.control.MailEvents;
import org.smtpeter.platform.control.Jsonp;

/** What subscribers hear about deliveries: each attempt, and a delivery that ends without one. */
@ApplicationScoped
public class DeliveryEvents {

    @Inject
    MailEvents events;

    /** A {@code delivered}, {@code deferred} or {@code failed} event with the attempt's details. */
    public void attempted(Delivery delivery, DeliveryAttempt.Outcome outcome, Reply reply, String remoteHost, long millis) {
        events.record(eventType(outcome), delivery.getMessage(), delivery.getRecipient(),
                attemptDetails(delivery, reply, remoteHost, millis));
    }

    /** A delivery that ends without an attempt (suppressed, cancelled) is, to subscribers, a failure with its reason. */
    public void notSent(Delivery delivery, String reason, String text) {
        events.record(MailEvent.Type.FAILED, delivery.getMessage(), delivery.getRecipient(), Jsonp.object()
                .add("reason", reason)
                .add("reply", text)
                .build());
    }

    private static MailEvent.Type eventType(DeliveryAttempt.Outcome outcome) {
        return switch (outcome) {
            case DELIVERED -> MailEvent.Type.DELIVERED;
            case DEFERRED -> MailEvent.Type.DEFERRED;
            case FAILED -> MailEvent.Type.FAILED;
        };
    }

    private static JsonObject attemptDetails(Delivery delivery, Reply reply, String remoteHost, long millis) {
        JsonObjectBuilder details = Jsonp.object()
                .add("attempt", delivery.getAttempts())
                .add("code", reply.code())
                .add("reply", reply.text() == null ? "" : reply.text())
                .add("durationMillis", millis);
        if (reply.enhancedCode() != null) {
            details.add("enhancedCode", reply.enhancedCode());
        }
        if (remoteHost != null) {
            details.add("remoteHost", remoteHost);
        }
        if (delivery.getState() == DeliveryState.DEFERRED) {
            details.add("nextAttemptAt", delivery.getNextAttemptAt().toString());
        }
        return details.build();
    }
}
