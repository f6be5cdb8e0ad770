package org.smtpeter.webhooks.control;

/** Webhook deliveries were written in this transaction: after the commit, the sender looks at once. */
public record WebhookQueued() {
}
