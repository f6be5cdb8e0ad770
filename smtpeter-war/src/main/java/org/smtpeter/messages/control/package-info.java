/**
 * Stored messages: their bytes in pieces ({@link org.smtpeter.messages.control.MessageStore}),
 * read back in place from memory or a file ({@link org.smtpeter.messages.control.MessageBytes}
 * and its located views, which the features parse without copying), and public ids.
 */
package org.smtpeter.messages.control;
