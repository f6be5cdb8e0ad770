package org.smtpeter.audit.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.smtpeter.audit.control.AuditLog;
import org.smtpeter.platform.boundary.Caller;

/**
 * The audit log as the REST resources write it: the caller's token and address come from the
 * request, so a resource says only what it changed. Call it from a resource method that is
 * {@code @Transactional}, after the change, so that both commit together.
 */
@RequestScoped
public class ApiAudit {

    @Inject
    Caller caller;

    @Inject
    AuditLog log;

    /** @param accountId the account changed; null for a relay-wide change */
    public void record(Long accountId, String action, String detail) {
        log.record(accountId, caller.actor(), caller.remoteAddress(), action, detail);
    }
}
