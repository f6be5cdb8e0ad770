package org.smtpeter.events.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.smtpeter.events.control.EventOutbox;
import org.smtpeter.events.control.EventSettings;
import org.smtpeter.platform.boundary.Caller;

/** Whether events reach the JMS topic, or wait in the outbox for the broker. */
@Path("events/outbox")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "events", description = "Publication of events to the JMS topic")
public class EventOutboxResource {

    @Inject
    EventOutbox outbox;

    @Inject
    EventSettings settings;

    @Inject
    Caller caller;

    /** @param topic null when publication is off */
    public record Status(String topic, long waiting, int mostAttempts, String lastError) {
    }

    @GET
    @Operation(summary = "Events waiting to be published (admin only)",
            description = "waiting counts events not yet on the topic; mostAttempts and lastError tell why.")
    public Status status() {
        caller.requireAdmin();
        EventOutbox.Backlog backlog = outbox.backlog();
        return new Status(settings.publishes() ? settings.topic() : null, backlog.waiting(), backlog.mostAttempts(),
                backlog.lastError());
    }
}
