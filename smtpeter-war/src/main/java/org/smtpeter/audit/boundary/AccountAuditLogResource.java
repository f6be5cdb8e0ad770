package org.smtpeter.audit.boundary;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.smtpeter.audit.control.AuditLog;
import org.smtpeter.platform.boundary.Caller;
import org.smtpeter.platform.boundary.Paging;

/**
 * One account's audit log, for its own API tokens and the admin.
 *
 * <p>The account in the path is checked with {@link Caller} alone, not with the credentials
 * component's {@code PathAccounts}: that component records into this one, so this one may not
 * know it. Another account's log is 404 all the same. For the admin an account id is just a key
 * of the log, so the log of a deleted account stays readable; that is what it outlives it for.
 */
@Path("accounts/{account}/audit-log")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit-log", description = "Who changed what in an account, when and from which address")
public class AccountAuditLogResource {

    @Inject
    AuditLog log;

    @Inject
    Caller caller;

    @PathParam("account")
    long accountId;

    @GET
    @Operation(summary = "The account's audit log, newest first",
            description = "action: only actions that start with it, such as credential. or credential.created")
    public List<AuditEntryView> list(@QueryParam("action") String action,
                                     @QueryParam("offset") @DefaultValue("0") int offset,
                                     @QueryParam("limit") @DefaultValue("100") int limit) {
        Paging paging = Paging.of(offset, limit);
        caller.requireAccess(accountId);
        return AuditEntryView.page(log, accountId, action, paging);
    }
}
