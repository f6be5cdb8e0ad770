/**
 * Boundary of the audit log: the REST resources that read it (an account's log for its own token
 * or the admin, every account's for the admin), the page that shows it, and {@link
 * org.smtpeter.audit.boundary.ApiAudit}, through which the other components' resources record
 * their changes with the caller's token and address.
 */
package org.smtpeter.audit.boundary;
