/**
 * Mail events (accepted, delivered, deferred, failed, bounced, ...): recorded in the transaction
 * that makes them happen, seen by observers in the application as CDI events, and, when a topic
 * is configured, moved from the outbox to JMS after the commit, at least once and in order.
 */
package org.smtpeter.events.control;
