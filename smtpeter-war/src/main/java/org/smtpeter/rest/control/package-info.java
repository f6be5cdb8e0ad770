/**
 * Keeping the generated admin token: its PBKDF2 hash in the database, and a check that pays the
 * hash only once per token that passed.
 */
package org.smtpeter.rest.control;
