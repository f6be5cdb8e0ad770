package org.smtpeter.audit.boundary;

import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.BadRequestException;

import org.smtpeter.audit.control.AuditActions;
import org.smtpeter.audit.control.AuditLog;
import org.smtpeter.audit.entity.AuditEntry;
import org.smtpeter.platform.boundary.Paging;

/**
 * One entry as the API shows it.
 *
 * @param accountId null for a relay-wide change
 * @param actor     "admin token", "API token 12 (its description)", or a dashboard user's name
 */
public record AuditEntryView(long id, Long accountId, Instant at, String actor, String remoteAddress, String action,
                             String detail) {

    /** A page of the log as the API answers it; 400 for an action filter no action starts with. */
    static List<AuditEntryView> page(AuditLog log, Long accountId, String action, Paging paging) {
        try {
            AuditActions.prefix(action);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        return log.entries(accountId, action, paging.offset(), paging.limit()).stream().map(AuditEntryView::of)
                .toList();
    }

    static AuditEntryView of(AuditEntry entry) {
        return new AuditEntryView(entry.getId(), entry.getAccountId(), entry.getAt(), entry.getActor(),
                entry.getRemoteAddress(), entry.getAction(), entry.getDetail());
    }
}
