/**
 * Signed webhooks: an account's events POSTed as JSON to its endpoints, signed per the Standard
 * Webhooks convention. {@link org.smtpeter.webhooks.control.EventSubscriptions} writes them into
 * the outbox in the transaction that records the event (it observes the mail events, so events
 * does not know webhooks); {@link org.smtpeter.webhooks.control.WebhookSender} sends the outbox,
 * retrying with back-off for a day before it disables an endpoint; only public addresses are
 * called unless the configuration allows others.
 */
package org.smtpeter.webhooks.control;
