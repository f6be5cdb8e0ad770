/**
 * Persistent state of the webhooks: an account's endpoints (URL, wanted event types, the signing
 * secret, whether they still work) and, per endpoint, the events waiting to be sent and the log
 * of those sent. The delivery rows are the outbox: written with the event, in its transaction.
 */
package org.smtpeter.webhooks.entity;
