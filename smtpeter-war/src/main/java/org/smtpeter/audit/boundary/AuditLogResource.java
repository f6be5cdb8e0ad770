package org.smtpeter.audit.boundary;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.smtpeter.audit.control.AuditLog;
import org.smtpeter.platform.boundary.Caller;
import org.smtpeter.platform.boundary.Paging;

/** The audit log of every account and of the relay itself, for the admin only. */
@Path("audit-log")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit-log")
public class AuditLogResource {

    @Inject
    AuditLog log;

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "Every account's audit log, newest first (admin only)",
            description = "account: one account's entries, also of a deleted account; "
                    + "action: only actions that start with it, such as domain.")
    public List<AuditEntryView> list(@QueryParam("account") Long accountId,
                                     @QueryParam("action") String action,
                                     @QueryParam("offset") @DefaultValue("0") int offset,
                                     @QueryParam("limit") @DefaultValue("100") int limit) {
        Paging paging = Paging.of(offset, limit);
        caller.requireAdmin();
        return AuditEntryView.page(log, accountId, action, paging);
    }
}
