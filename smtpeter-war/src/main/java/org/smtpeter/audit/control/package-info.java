/**
 * The audit log: recording a change in the transaction that makes it (so an entry exists exactly
 * when the change does), and reading an account's entries, or everyone's, newest first.
 *
 * <p>Decisions:
 * <ul>
 * <li>Callers say who and from where ({@code actor}, {@code remoteAddress}); this component knows
 * neither tokens nor dashboard users, so every component that changes things may record here
 * without a cycle: the REST resources through {@code audit.boundary.ApiAudit}, the dashboard and
 * the users component with the logged-in user's name.</li>
 * <li>Actions are short stable codes, {@code <thing>.<what happened>} ({@link
 * org.smtpeter.audit.control.AuditActions}); the human part goes into the detail. The code is
 * checked, the detail is not.</li>
 * </ul>
 */
package org.smtpeter.audit.control;
