/**
 * Accounts, SMTP credentials and API tokens: creating, rotating and revoking them, checking an
 * SMTP login (PBKDF2, with {@link org.smtpeter.credentials.control.VerifiedPasswords} sparing
 * the hash for a password that already passed), and the development account of the first start.
 */
package org.smtpeter.credentials.control;
