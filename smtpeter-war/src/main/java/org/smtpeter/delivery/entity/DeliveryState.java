package org.smtpeter.delivery.entity;

/** Where one recipient's copy of a message stands in the outbound queue. */
public enum DeliveryState {
    /** Waiting for its first attempt. */
    QUEUED,
    /** Claimed by a worker that is talking to the next hop. */
    SENDING,
    /** A temporary failure; retried at {@code nextAttemptAt}. */
    DEFERRED,
    /** The next hop accepted it. */
    DELIVERED,
    /** Permanently refused, or its lifetime expired. */
    FAILED,
    /** An operator cancelled it. */
    CANCELLED,
    /** Not sent: the recipient is on the account's suppression list. */
    SUPPRESSED;

    public boolean isFinal() {
        return this == DELIVERED || this == FAILED || this == CANCELLED || this == SUPPRESSED;
    }
}
