package org.smtpeter.suppressions.boundary;

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

import org.smtpeter.audit.control.AuditActions;
import org.smtpeter.suppressions.control.Suppressions;
import org.smtpeter.suppressions.entity.Suppression;
import org.smtpeter.credentials.boundary.AccountResource;
import org.smtpeter.credentials.entity.Account;
import org.smtpeter.platform.boundary.Paging;

/** An account's suppression list: search, add, remove; adding and removing with an audit log entry. */
@RequestScoped
@Path("accounts/{account}/suppressions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SuppressionsResource extends AccountResource {

    @Inject
    Suppressions suppressions;

    public record SuppressionView(long id, long accountId, String address, String reason, String detail, Instant createdAt) {
        static SuppressionView of(Suppression s) {
            return new SuppressionView(s.getId(), s.getAccount().getId(), s.getAddress(), s.getReason(), s.getDetail(),
                    s.getCreatedAt());
        }
    }

    public record NewSuppression(String address, String detail) {
    }

    @GET
    public List<SuppressionView> list(@QueryParam("address") String address,
                                      @QueryParam("offset") @DefaultValue("0") int offset,
                                      @QueryParam("limit") @DefaultValue("100") int limit) {
        Paging paging = Paging.of(offset, limit);
        account();
        return suppressions.list(accountId, address, paging.offset(), paging.limit()).stream()
                .map(SuppressionView::of).toList();
    }

    @POST
    @Transactional
    public Response add(NewSuppression request) {
        if (request == null || request.address() == null || !request.address().contains("@")
                || request.address().length() > 320) {
            throw new BadRequestException("address is required (an email address)");
        }
        Account account = account();
        boolean listed = suppressions.find(account, request.address()).isPresent();
        Suppression suppression = suppressions.suppress(account, request.address(), "manual", request.detail());
        if (!listed) {
            audit.record(accountId, AuditActions.SUPPRESSION_ADDED, suppression.getAddress());
        }
        return Response.created(URI.create("accounts/" + accountId + "/suppressions/" + suppression.getId()))
                .entity(SuppressionView.of(suppression)).build();
    }

    @GET
    @Path("{id}")
    public SuppressionView get(@PathParam("id") long id) {
        return SuppressionView.of(ours(id));
    }

    @DELETE
    @Transactional
    @Path("{id}")
    public Response remove(@PathParam("id") long id) {
        Suppression suppression = ours(id);
        if (!suppressions.remove(id)) {
            throw notFound(id);
        }
        audit.record(accountId, AuditActions.SUPPRESSION_REMOVED,
                suppression.getAddress() + " (" + suppression.getReason() + ")");
        return Response.noContent().build();
    }

    /** The entry when it is on this account's list (and the caller may see the account); else 404. */
    private Suppression ours(long id) {
        account();
        return suppressions.byId(id).filter(s -> s.getAccount().getId() == accountId).orElseThrow(() -> notFound(id));
    }

    private NotFoundException notFound(long id) {
        return new NotFoundException("No suppression " + id + " in account " + accountId);
    }

    private Account account() {
        return pathAccounts.visible(accountId);
    }
}
