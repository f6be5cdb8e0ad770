package org.smtpeter.messagelog.control;

import java.time.Instant;
import java.util.Map;

/**
 * One moment in a message's life, for its timeline.
 *
 * @param type    accepted, attempt, delivered, failed, cancelled, suppressed, bounce, complaint, open or click
 * @param summary one line for people
 * @param details the particulars, in a stable order; absent values are left out
 */
public record TimelineEvent(Instant time, String type, String summary, Map<String, String> details) {
}
