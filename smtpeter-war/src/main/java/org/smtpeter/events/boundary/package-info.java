/**
 * Boundary of the mail events: the REST resource that shows whether events reach the JMS topic or
 * wait in the outbox.
 */
package org.smtpeter.events.boundary;
