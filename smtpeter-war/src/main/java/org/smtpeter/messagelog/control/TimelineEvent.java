package org.smtpeter.messagelog.control;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One moment in a message's life, for its timeline.
 *
 * @param type    accepted, attempt, delivered, failed, cancelled, suppressed, bounce, complaint, open or click
 * @param summary one line for people
 * @param details the particulars, in a stable order; absent values are left out
 * @param tags    the message's tags, on every event as on the events sent out
 */
public record TimelineEvent(Instant time, String type, String summary, Map<String, String> details,
                            List<String> tags) {

    public TimelineEvent {
        tags = List.copyOf(tags);
    }

    /** An event before it knows its message's tags. */
    public TimelineEvent(Instant time, String type, String summary, Map<String, String> details) {
        this(time, type, summary, details, List.of());
    }

    public TimelineEvent tagged(List<String> messageTags) {
        return new TimelineEvent(time, type, summary, details, messageTags);
    }
}
