/**
 * Persistent state of the events: the outbox, where an event waits until the JMS broker has it.
 */
package org.smtpeter.events.entity;
