package org.smtpeter.credentials.control;

/**
 * An account is about to be deleted. Fired before its rows go, in the deleting transaction: the
 * components that keep something per account (queued mail, suppression lists) let go of it
 * without credentials knowing them.
 */
public record AccountClosing(long accountId) {
}
