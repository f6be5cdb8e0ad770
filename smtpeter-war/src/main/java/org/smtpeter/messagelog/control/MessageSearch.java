package org.smtpeter.messagelog.control;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.smtpeter.delivery.entity.DeliveryState;
import org.smtpeter.messages.control.TagFilter;

/**
 * What to look for in the message log; every field may be null (no condition).
 *
 * @param accountId only this account's messages
 * @param sender    the envelope sender, whole, in any case
 * @param recipient an envelope recipient, whole, in any case
 * @param subject   part of the decoded subject, any case
 * @param messageId the public message id, exactly
 * @param from      received at or after
 * @param to        received before
 * @param status    a delivery state (queued, sending, deferred, delivered, failed, cancelled, suppressed): a
 *                  message matches when any of its deliveries is in it
 * @param tags      messages with any of these tags; never null
 */
public record MessageSearch(Long accountId, String sender, String recipient, String subject, String messageId,
                            Instant from, Instant to, String status, TagFilter tags) {

    /** A search without a tag condition. */
    public MessageSearch(Long accountId, String sender, String recipient, String subject, String messageId,
                         Instant from, Instant to, String status) {
        this(accountId, sender, recipient, subject, messageId, from, to, status, TagFilter.none());
    }

    /** Blank fields (as forms send them) mean no condition; an unknown status is refused here. */
    public MessageSearch {
        sender = blankToNull(sender);
        recipient = blankToNull(recipient);
        subject = blankToNull(subject);
        messageId = blankToNull(messageId);
        status = blankToNull(status);
        tags = tags == null ? TagFilter.none() : tags;
        if (status != null) {
            status = state(status).name().toLowerCase(Locale.ROOT);
        }
    }

    /** The status as a delivery state, or null. */
    public DeliveryState state() {
        return status == null ? null : state(status);
    }

    public static MessageSearch all() {
        return new MessageSearch(null, null, null, null, null, null, null, null);
    }

    public MessageSearch forAccount(Long account) {
        return new MessageSearch(account, sender, recipient, subject, messageId, from, to, status, tags);
    }

    private static DeliveryState state(String status) {
        try {
            return DeliveryState.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("status must be one of " + Arrays.stream(DeliveryState.values())
                    .map(s -> s.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
