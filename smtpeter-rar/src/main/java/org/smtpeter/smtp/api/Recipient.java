package org.smtpeter.smtp.api;

import java.io.Serializable;

/**
 * One RCPT TO with its RFC 3461 parameters, kept as the client sent them.
 *
 * @param address  the forward-path without angle brackets
 * @param notifyConditions NOTIFY= value (NEVER or a comma list of SUCCESS, FAILURE, DELAY), null if absent
 * @param originalRecipient ORCPT= value (addr-type;xtext), null if absent
 */
public record Recipient(String address, String notifyConditions, String originalRecipient) implements Serializable {
}
