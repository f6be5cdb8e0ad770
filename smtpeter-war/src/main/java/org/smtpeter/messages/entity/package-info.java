/**
 * Persistent state of accepted mail: the message with its envelope and how it came in, its
 * recipients with their DSN parameters, and its raw bytes in chunks.
 */
package org.smtpeter.messages.entity;
