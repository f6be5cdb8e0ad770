/**
 * One entry of the audit log: who changed what in which account, when and from where. Entries are
 * only ever added; the account is kept as a bare id, so an entry outlives the account.
 */
package org.smtpeter.audit.entity;
