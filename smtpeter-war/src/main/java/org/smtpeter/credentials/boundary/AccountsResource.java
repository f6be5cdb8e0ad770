package org.smtpeter.credentials.boundary;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.smtpeter.audit.boundary.ApiAudit;
import org.smtpeter.audit.control.AuditActions;
import org.smtpeter.credentials.control.Accounts;
import org.smtpeter.credentials.entity.Account;
import org.smtpeter.platform.boundary.Caller;
import org.smtpeter.platform.boundary.Paging;

/**
 * Accounts. The admin manages them all; an account token sees only its own account. Creating and
 * deleting one is recorded in its audit log, which outlives it.
 */
@RequestScoped
@Path("accounts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "accounts", description = "Customers of the relay; everything else belongs to one")
public class AccountsResource {

    @Inject
    Accounts accounts;

    @Inject
    Caller caller;

    @Inject
    ApiAudit audit;

    public record NewAccount(String name) {
    }

    public record AccountView(long id, String name, Instant createdAt) {
        static AccountView of(Account account) {
            return new AccountView(account.getId(), account.getName(), account.getCreatedAt());
        }
    }

    @POST
    @Transactional
    @Operation(summary = "Create an account (admin only)")
    public Response create(NewAccount request) {
        caller.requireAdmin();
        if (request == null || request.name() == null || request.name().isBlank() || request.name().length() > 100) {
            throw new BadRequestException("name is required (1 to 100 characters)");
        }
        Account account = accounts.create(request.name().strip());
        audit.record(account.getId(), AuditActions.ACCOUNT_CREATED, account.getName());
        return Response.created(URI.create("accounts/" + account.getId())).entity(AccountView.of(account)).build();
    }

    @GET
    @Operation(summary = "List accounts (an account token sees only its own)")
    public List<AccountView> list(@QueryParam("offset") @DefaultValue("0") int offset,
                                  @QueryParam("limit") @DefaultValue("100") int limit) {
        Paging paging = Paging.of(offset, limit);
        if (!caller.isAdmin()) {
            return paging.offset() > 0 ? List.of() : List.of(get(caller.accountScope()));
        }
        return accounts.list(paging.offset(), paging.limit()).stream().map(AccountView::of).toList();
    }

    @GET
    @Path("{id}")
    public AccountView get(@PathParam("id") long id) {
        caller.requireAccess(id);
        return AccountView.of(accounts.find(id).orElseThrow(() -> new NotFoundException("No account " + id)));
    }

    @DELETE
    @Transactional
    @Path("{id}")
    @Operation(summary = "Delete an account (admin only)",
            description = "Its credentials, API tokens and suppressions go; its messages and its audit log "
                    + "stay as history and its queued mail is cancelled.")
    public Response delete(@PathParam("id") long id) {
        caller.requireAdmin();
        String name = get(id).name();
        accounts.deleteAccount(id);
        audit.record(id, AuditActions.ACCOUNT_DELETED, name);
        return Response.noContent().build();
    }
}
