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
import org.smtpeter.audit.control.AuditActions;
import org.smtpeter.credentials.control.ApiTokens;
import org.smtpeter.credentials.entity.Account;
import org.smtpeter.credentials.entity.ApiToken;
import org.smtpeter.platform.boundary.Paging;

/** An account's REST API tokens; only the admin issues, lists and revokes them, each time with an audit entry. */
@RequestScoped
@Path("accounts/{account}/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "tokens", description = "API tokens that see one account's data only (admin only)")
public class ApiTokensResource extends AccountResource {

    @Inject
    ApiTokens tokens;

    public record NewToken(String description) {
    }

    public record TokenView(long id, long accountId, String description, Instant createdAt) {
        static TokenView of(ApiToken token) {
            return new TokenView(token.getId(), token.getAccountId(), token.getDescription(), token.getCreatedAt());
        }
    }

    public record IssuedTokenView(long id, long accountId, String token, String description, Instant createdAt,
                                  String notice) {
    }

    @POST
    @Transactional
    @Operation(summary = "Issue an API token for the account; the response holds it, once")
    public Response issue(NewToken request) {
        Account account = account();
        String description = request == null ? null : request.description();
        if (description != null && description.length() > 200) {
            throw new BadRequestException("description is at most 200 characters");
        }
        ApiTokens.IssuedToken issued = tokens.issue(account, description);
        ApiToken token = issued.token();
        audit.record(accountId, AuditActions.TOKEN_CREATED, token.actor());
        return Response.created(URI.create("accounts/" + accountId + "/tokens/" + token.getId()))
                .entity(new IssuedTokenView(token.getId(), accountId, issued.secret(), description,
                        token.getCreatedAt(), "Store this token now: it is shown only once and cannot be retrieved again."))
                .build();
    }

    @GET
    public List<TokenView> list(@QueryParam("offset") @DefaultValue("0") int offset,
                                @QueryParam("limit") @DefaultValue("100") int limit) {
        Paging paging = Paging.of(offset, limit);
        account();
        return tokens.list(accountId).stream().skip(paging.offset()).limit(paging.limit()).map(TokenView::of).toList();
    }

    @DELETE
    @Transactional
    @Path("{id}")
    @Operation(summary = "Revoke an API token; it stops working at once")
    public Response revoke(@PathParam("id") long id) {
        account();
        ApiToken token = tokens.token(accountId, id)
                .orElseThrow(() -> new NotFoundException("No token " + id + " in account " + accountId));
        tokens.revoke(accountId, id);
        audit.record(accountId, AuditActions.TOKEN_REVOKED, token.actor());
        return Response.noContent().build();
    }

    private Account account() {
        return pathAccounts.administered(accountId);
    }
}
