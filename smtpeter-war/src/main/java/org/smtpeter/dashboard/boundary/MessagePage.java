package org.smtpeter.dashboard.boundary;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.smtpeter.users.boundary.Viewer;
import org.smtpeter.delivery.control.DeliveryLog;
import org.smtpeter.delivery.entity.Delivery;
import org.smtpeter.messagelog.control.MessageLog;
import org.smtpeter.messagelog.control.MessageTimeline;
import org.smtpeter.messagelog.control.TimelineEvent;
import org.smtpeter.messages.entity.Message;

/**
 * Backs {@code dashboard/message.xhtml?id=}: one message, how it came in, what became of each
 * recipient, and its whole timeline (accepted, attempts, outcomes, bounces, opens, clicks).
 */
@Named
@RequestScoped
public class MessagePage {

    /** More recipients than this are rare for relayed mail; the page lists the first ones. */
    static final int MAX_DELIVERIES = 500;

    @Inject
    Viewer viewer;

    @Inject
    MessageLog log;

    @Inject
    MessageTimeline timeline;

    @Inject
    DeliveryLog deliveryLog;

    private String id;
    private Message message;
    private List<TimelineEvent> events = List.of();
    private List<Delivery> deliveries = List.of();

    /** Runs before rendering (f:viewAction), with the id set. */
    public void load() {
        // Another account's message is answered like one that does not exist.
        Optional<Message> found = id == null || id.isBlank() ? Optional.empty() : log.find(id.strip(), viewer.scope(null));
        if (found.isEmpty()) {
            NotFound.status();
        }
        found.ifPresent(existing -> {
            message = existing;
            events = timeline.timeline(existing.getPublicId());
            deliveries = deliveryLog.deliveries(new DeliveryLog.Filter(existing.getPublicId(), null, null, null), null,
                    0, MAX_DELIVERIES);
        });
    }

    /** A timeline event's particulars, in their order, for ui:repeat. */
    public List<Map.Entry<String, String>> details(TimelineEvent event) {
        return new ArrayList<>(event.details().entrySet());
    }

    /** Who sent it: the credential's user name, which the message keeps even after the credential is deleted. */
    public String credential(Message found) {
        if (found.getCredential() != null) {
            return found.getCredential().getUsername();
        }
        return found.getCredentialUsername();
    }

    public String tls(Message found) {
        return found.getTlsProtocol() == null ? "none"
                : found.getTlsProtocol() + (found.getTlsCipher() == null ? "" : " " + found.getTlsCipher());
    }

    public String tags(Message found) {
        return found.getTags().isEmpty() ? "–" : String.join(", ", found.getTags());
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    /** The message, or null when there is none with that id. */
    public Message getMessage() {
        return message;
    }

    public List<TimelineEvent> getEvents() {
        return events;
    }

    public List<Delivery> getDeliveries() {
        return deliveries;
    }
}
