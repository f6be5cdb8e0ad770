package org.smtpeter.delivery.control;

/** Fired when deliveries were queued; after the commit it wakes the scheduler at once. */
public record MessageQueued(String messagePublicId) {
}
