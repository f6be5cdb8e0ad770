package org.smtpeter.testing;

/** An SMTP credential created for a test, with its one-time password. */
public record TestCredential(long accountId, String username, String password) {
}
