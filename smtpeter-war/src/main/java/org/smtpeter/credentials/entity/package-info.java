/**
 * Persistent state of accounts: the account, its SMTP credentials (password hashes only) with the
 * feature set each switches on, and its API tokens (SHA-256 only).
 */
package org.smtpeter.credentials.entity;
