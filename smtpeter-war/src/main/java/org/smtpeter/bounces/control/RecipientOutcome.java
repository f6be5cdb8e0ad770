package org.smtpeter.bounces.control;

/**
 * What came back means for one recipient, in Sisimai's vocabulary: the address it is about (may
 * be null when a complaint redacts it), the reason (userunknown, mailboxfull, feedback, vacation,
 * ...) and whether the address is permanently bad.
 */
public record RecipientOutcome(String address, String reason, boolean hard) {
}
