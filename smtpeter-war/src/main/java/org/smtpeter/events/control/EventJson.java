package org.smtpeter.events.control;

import jakarta.json.JsonObjectBuilder;

import org.smtpeter.platform.control.Jsonp;

/**
 * The JSON body of an event message: the common fields (the message's {@code tags} on every type,
 * an empty array when it has none), then the type's own details at the same level ({@code {"type":"delivered","recipient":...,"code":250,...}}).
 */
public final class EventJson {

    private EventJson() {
    }

    public static String of(MailEvent event) {
        JsonObjectBuilder json = Jsonp.object()
                .add("id", event.id())
                .add("type", event.type().wireName())
                .add("occurredAt", event.occurredAt().toString());
        addIfPresent(json, "messageId", event.messageId());
        if (event.accountId() != null) {
            json.add("accountId", event.accountId());
        }
        addIfPresent(json, "account", event.account());
        addIfPresent(json, "credential", event.credential());
        addIfPresent(json, "recipient", event.recipient());
        json.add("tags", Jsonp.array(event.tags()));
        event.details().forEach(json::add);
        return json.build().toString();
    }

    private static void addIfPresent(JsonObjectBuilder json, String name, String value) {
        if (value != null) {
            json.add(name, value);
        }
    }
}
