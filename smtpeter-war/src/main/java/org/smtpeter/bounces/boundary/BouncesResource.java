package org.smtpeter.bounces.boundary;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;
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

import org.smtpeter.bounces.control.BounceLog;
import org.smtpeter.bounces.control.Suppressions;
import org.smtpeter.bounces.entity.Bounce;
import org.smtpeter.bounces.entity.Suppression;
import org.smtpeter.credentials.control.Accounts;
import org.smtpeter.credentials.entity.Account;
import org.smtpeter.rest.boundary.Paging;

/** The bounces and abuses logs, and each account's suppression list. */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BouncesResource {

    @Inject
    BounceLog log;

    @Inject
    Suppressions suppressions;

    @Inject
    Accounts accounts;

    public record BounceView(long id, Instant time, String messageId, String recipient, String kind, String bucket,
                             String hardness, String status, String category, String diagnostic, String sourceMessageId) {
        static BounceView of(Bounce b) {
            return new BounceView(b.getId(), b.getOccurredAt(), b.getMessagePublicId(), b.getRecipient(), b.getKind(),
                    b.getBucket(), b.getHardness(), b.getStatus(), b.getCategory(), b.getDiagnostic(),
                    b.getSourceMessagePublicId());
        }
    }

    public record SuppressionView(long id, long accountId, String address, String reason, String detail, Instant createdAt) {
        static SuppressionView of(Suppression s) {
            return new SuppressionView(s.getId(), s.getAccount().getId(), s.getAddress(), s.getReason(), s.getDetail(),
                    s.getCreatedAt());
        }
    }

    public record NewSuppression(String address, String detail) {
    }

    @GET
    @Path("bounces")
    public List<BounceView> bounces(@QueryParam("message") String message, @QueryParam("recipient") String recipient,
                                    @QueryParam("offset") @DefaultValue("0") int offset,
                                    @QueryParam("limit") @DefaultValue("100") int limit) {
        return list(false, message, recipient, offset, limit);
    }

    @GET
    @Path("complaints")
    public List<BounceView> complaints(@QueryParam("message") String message, @QueryParam("recipient") String recipient,
                                       @QueryParam("offset") @DefaultValue("0") int offset,
                                       @QueryParam("limit") @DefaultValue("100") int limit) {
        return list(true, message, recipient, offset, limit);
    }

    @GET
    @Path("accounts/{account}/suppressions")
    public List<SuppressionView> suppressions(@PathParam("account") long accountId, @QueryParam("address") String address,
                                              @QueryParam("offset") @DefaultValue("0") int offset,
                                              @QueryParam("limit") @DefaultValue("100") int limit) {
        Paging paging = Paging.of(offset, limit);
        account(accountId);
        return suppressions.list(accountId, address, paging.offset(), paging.limit()).stream()
                .map(SuppressionView::of).toList();
    }

    @POST
    @Path("accounts/{account}/suppressions")
    public Response suppress(@PathParam("account") long accountId, NewSuppression request) {
        if (request == null || request.address() == null || !request.address().contains("@")
                || request.address().length() > 320) {
            throw new BadRequestException("address is required (an email address)");
        }
        Suppression suppression = suppressions.suppress(account(accountId), request.address(), "manual", request.detail());
        return Response.created(URI.create("accounts/" + accountId + "/suppressions/" + suppression.getId()))
                .entity(SuppressionView.of(suppression)).build();
    }

    @DELETE
    @Path("accounts/{account}/suppressions/{id}")
    public Response unsuppress(@PathParam("account") long accountId, @PathParam("id") long id) {
        boolean ours = suppressions.byId(id).filter(s -> s.getAccount().getId() == accountId).isPresent();
        if (!ours || !suppressions.remove(id)) {
            throw new NotFoundException("No suppression " + id + " in account " + accountId);
        }
        return Response.noContent().build();
    }

    private List<BounceView> list(boolean complaints, String message, String recipient, int offset, int limit) {
        Paging paging = Paging.of(offset, limit);
        return log.list(complaints, message, recipient, paging.offset(), paging.limit()).stream().map(BounceView::of).toList();
    }

    private Account account(long id) {
        return accounts.find(id).orElseThrow(() -> new NotFoundException("No account " + id));
    }
}
