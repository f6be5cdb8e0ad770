/**
 * Boundary of the message log: the REST resource for stored messages, their search, their
 * timelines and their raw bytes.
 */
package org.smtpeter.messagelog.boundary;
