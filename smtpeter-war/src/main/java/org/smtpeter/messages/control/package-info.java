/**
 * Stored messages: their bytes in pieces ({@link org.smtpeter.messages.control.MessageStore}),
 * public ids, search, and the timeline of everything that happened to one message.
 */
package org.smtpeter.messages.control;
