/**
 * The SMTP protocol engine without sockets: {@link org.smtpeter.smtp.protocol.SmtpSession}
 * turns lines into replies (the login, AUTH and its checks, in
 * {@link org.smtpeter.smtp.protocol.Authentication}), {@link org.smtpeter.smtp.protocol.DataReader} reads message data,
 * {@link org.smtpeter.smtp.protocol.Conversation} drives both over a transport. Everything
 * here is unit-tested in-process.
 */
package org.smtpeter.smtp.protocol;
