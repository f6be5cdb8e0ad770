package org.smtpeter.credentials.boundary;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
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

import org.smtpeter.credentials.control.Accounts;
import org.smtpeter.credentials.control.NewCredential;
import org.smtpeter.credentials.entity.Account;
import org.smtpeter.credentials.entity.FeatureSet;
import org.smtpeter.credentials.entity.SmtpCredential;
import org.smtpeter.rest.boundary.Paging;

/** Accounts and their SMTP credentials. A credential's password appears once: in the creation response. */
@Path("accounts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccountsResource {

    @Inject
    Accounts accounts;

    public record NewAccount(String name) {
    }

    public record AccountView(long id, String name, Instant createdAt) {
        static AccountView of(Account account) {
            return new AccountView(account.getId(), account.getName(), account.getCreatedAt());
        }
    }

    public record Features(Boolean inlineCss, Boolean trackClicks, Boolean trackOpens, Boolean trackBounces,
                           Boolean preventScam) {
        static Features of(FeatureSet set) {
            return new Features(set.isInlineCss(), set.isTrackClicks(), set.isTrackOpens(), set.isTrackBounces(),
                    set.isPreventScam());
        }

        /** Unset flags take the defaults. */
        FeatureSet toFeatureSet() {
            FeatureSet defaults = FeatureSet.defaults();
            return new FeatureSet(or(inlineCss, defaults.isInlineCss()), or(trackClicks, defaults.isTrackClicks()),
                    or(trackOpens, defaults.isTrackOpens()), or(trackBounces, defaults.isTrackBounces()),
                    or(preventScam, defaults.isPreventScam()));
        }

        private static boolean or(Boolean value, boolean fallback) {
            return value == null ? fallback : value;
        }
    }

    public record NewCredentialRequest(String description, Features features, Boolean forwardBounces) {
    }

    public record CredentialView(long id, String username, boolean enabled, String description, Features features,
                                 boolean forwardBounces, Instant createdAt) {
        static CredentialView of(SmtpCredential credential) {
            return new CredentialView(credential.getId(), credential.getUsername(), credential.isEnabled(),
                    credential.getDescription(), Features.of(credential.getFeatures()), credential.isForwardBounces(),
                    credential.getCreatedAt());
        }
    }

    public record CreatedCredential(long id, String username, String password, boolean enabled, String description,
                                    Features features, boolean forwardBounces, Instant createdAt, String notice) {
    }

    @POST
    public Response create(NewAccount request) {
        if (request == null || request.name() == null || request.name().isBlank() || request.name().length() > 100) {
            throw new BadRequestException("name is required (1 to 100 characters)");
        }
        Account account = accounts.create(request.name().strip());
        return Response.created(URI.create("accounts/" + account.getId())).entity(AccountView.of(account)).build();
    }

    @GET
    public List<AccountView> list(@QueryParam("offset") @DefaultValue("0") int offset,
                                  @QueryParam("limit") @DefaultValue("100") int limit) {
        Paging paging = Paging.of(offset, limit);
        return accounts.list(paging.offset(), paging.limit()).stream().map(AccountView::of).toList();
    }

    @GET
    @Path("{id}")
    public AccountView get(@PathParam("id") long id) {
        return AccountView.of(account(id));
    }

    @POST
    @Path("{id}/credentials")
    public Response createCredential(@PathParam("id") long id, NewCredentialRequest request) {
        Account account = account(id);
        String description = request == null ? null : request.description();
        if (description != null && description.length() > 200) {
            throw new BadRequestException("description is at most 200 characters");
        }
        Features features = request == null || request.features() == null
                ? Features.of(FeatureSet.defaults()) : request.features();
        boolean forwardBounces = request == null || request.forwardBounces() == null || request.forwardBounces();
        NewCredential created = accounts.createCredential(account, description, features.toFeatureSet(), forwardBounces);
        SmtpCredential credential = created.credential();
        return Response.created(URI.create("accounts/" + id + "/credentials/" + credential.getId()))
                .entity(new CreatedCredential(credential.getId(), credential.getUsername(), created.password(),
                        credential.isEnabled(), credential.getDescription(), Features.of(credential.getFeatures()),
                        credential.isForwardBounces(), credential.getCreatedAt(),
                        "Store this password now: it is shown only once and cannot be retrieved again."))
                .build();
    }

    @GET
    @Path("{id}/credentials")
    public List<CredentialView> credentials(@PathParam("id") long id) {
        return accounts.credentials(account(id)).stream().map(CredentialView::of).toList();
    }

    private Account account(long id) {
        return accounts.find(id).orElseThrow(() -> new NotFoundException("No account " + id));
    }
}
