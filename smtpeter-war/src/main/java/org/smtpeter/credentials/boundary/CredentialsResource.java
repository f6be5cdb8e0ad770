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
import jakarta.ws.rs.PATCH;
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
import org.smtpeter.audit.control.Changes;
import org.smtpeter.credentials.control.Accounts;
import org.smtpeter.credentials.control.NewCredential;
import org.smtpeter.credentials.entity.Account;
import org.smtpeter.credentials.entity.FeatureSet;
import org.smtpeter.credentials.entity.SmtpCredential;
import org.smtpeter.platform.boundary.Paging;

/**
 * An account's SMTP credentials. A password appears once: in the response that created or
 * rotated it. Each change is one transaction with its audit log entry.
 */
@RequestScoped
@Path("accounts/{account}/credentials")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "credentials", description = "SMTP logins of an account, with their feature sets")
public class CredentialsResource extends AccountResource {

    private static final String ONCE = "Store this password now: it is shown only once and cannot be retrieved again.";

    @Inject
    Accounts accounts;

    /** A feature set in JSON; in requests, unset flags keep the defaults (create) or the current value (patch). */
    public record Features(Boolean inlineCss, Boolean trackClicks, Boolean trackOpens, Boolean trackBounces,
                           Boolean preventScam, Boolean unsubscribe) {
        static Features of(FeatureSet set) {
            return new Features(set.isInlineCss(), set.isTrackClicks(), set.isTrackOpens(), set.isTrackBounces(),
                    set.isPreventScam(), set.isUnsubscribe());
        }

        FeatureSet over(FeatureSet base) {
            return new FeatureSet(or(inlineCss, base.isInlineCss()), or(trackClicks, base.isTrackClicks()),
                    or(trackOpens, base.isTrackOpens()), or(trackBounces, base.isTrackBounces()),
                    or(preventScam, base.isPreventScam()), or(unsubscribe, base.isUnsubscribe()));
        }

        private static boolean or(Boolean value, boolean fallback) {
            return value == null ? fallback : value;
        }
    }

    /** @param jmsSubmission whether mail on the JMS submission queue may name it; off when not given */
    public record NewCredentialRequest(String description, Features features, Boolean forwardBounces,
                                       Boolean jmsSubmission) {
    }

    /** PATCH body: only the fields given change. */
    public record CredentialChange(Boolean enabled, Features features, Boolean forwardBounces, Boolean jmsSubmission) {
    }

    public record CredentialView(long id, String username, boolean enabled, String description, Features features,
                                 boolean forwardBounces, boolean jmsSubmission, Instant createdAt) {
        static CredentialView of(SmtpCredential credential) {
            return new CredentialView(credential.getId(), credential.getUsername(), credential.isEnabled(),
                    credential.getDescription(), Features.of(credential.getFeatures()), credential.isForwardBounces(),
                    credential.isJmsSubmission(), credential.getCreatedAt());
        }
    }

    public record CreatedCredential(long id, String username, String password, boolean enabled, String description,
                                    Features features, boolean forwardBounces, boolean jmsSubmission,
                                    Instant createdAt, String notice) {
        static CreatedCredential of(NewCredential created) {
            SmtpCredential c = created.credential();
            return new CreatedCredential(c.getId(), c.getUsername(), created.password(), c.isEnabled(),
                    c.getDescription(), Features.of(c.getFeatures()), c.isForwardBounces(), c.isJmsSubmission(),
                    c.getCreatedAt(), ONCE);
        }
    }

    @POST
    @Transactional
    @Operation(summary = "Create a credential; the response holds its password, once")
    public Response create(NewCredentialRequest request) {
        Account account = account();
        String description = request == null ? null : request.description();
        if (description != null && description.length() > 200) {
            throw new BadRequestException("description is at most 200 characters");
        }
        FeatureSet features = request == null || request.features() == null
                ? FeatureSet.defaults() : request.features().over(FeatureSet.defaults());
        boolean forwardBounces = request == null || request.forwardBounces() == null || request.forwardBounces();
        boolean jmsSubmission = request != null && Boolean.TRUE.equals(request.jmsSubmission());
        NewCredential created = accounts.createCredential(account, description, features, forwardBounces,
                jmsSubmission);
        audit.record(accountId, AuditActions.CREDENTIAL_CREATED, created.credential().getUsername());
        return Response.created(URI.create("accounts/" + accountId + "/credentials/" + created.credential().getId()))
                .entity(CreatedCredential.of(created)).build();
    }

    @GET
    public List<CredentialView> list(@QueryParam("offset") @DefaultValue("0") int offset,
                                     @QueryParam("limit") @DefaultValue("100") int limit) {
        Paging paging = Paging.of(offset, limit);
        List<SmtpCredential> all = accounts.credentials(account());
        return all.stream().skip(paging.offset()).limit(paging.limit()).map(CredentialView::of).toList();
    }

    @GET
    @Path("{id}")
    public CredentialView get(@PathParam("id") long id) {
        return CredentialView.of(credential(id));
    }

    @PATCH
    @Transactional
    @Operation(summary = "Enable or disable a credential, change its features, bounce forwarding or JMS submission",
            description = "Only the fields given change. A disabled credential fails SMTP AUTH with 535; "
                    + "mail on the JMS submission queue that names a credential without jmsSubmission is rejected.")
    @Path("{id}")
    public CredentialView change(@PathParam("id") long id, CredentialChange change) {
        SmtpCredential credential = credential(id);
        if (change == null) {
            throw new BadRequestException("a JSON body with enabled, features, forwardBounces or jmsSubmission is required");
        }
        CredentialView before = CredentialView.of(credential);
        if (change.enabled() != null) {
            accounts.setEnabled(id, change.enabled());
        }
        if (change.features() != null || change.forwardBounces() != null || change.jmsSubmission() != null) {
            FeatureSet features = change.features() == null ? credential.getFeatures()
                    : change.features().over(credential.getFeatures());
            boolean forwardBounces = change.forwardBounces() == null ? credential.isForwardBounces()
                    : change.forwardBounces();
            boolean jmsSubmission = change.jmsSubmission() == null ? credential.isJmsSubmission()
                    : change.jmsSubmission();
            accounts.updateFeatures(id, features, forwardBounces, jmsSubmission);
        }
        CredentialView after = get(id);
        recordChange(before, after);
        return after;
    }

    /** An entry per kind of change: enabling or disabling, and the features (with what changed). */
    private void recordChange(CredentialView before, CredentialView after) {
        if (before.enabled() != after.enabled()) {
            audit.record(accountId, after.enabled() ? AuditActions.CREDENTIAL_ENABLED
                    : AuditActions.CREDENTIAL_DISABLED, after.username());
        }
        String features = Changes.between(before, after, "enabled");
        if (!features.isEmpty()) {
            audit.record(accountId, AuditActions.CREDENTIAL_FEATURES_CHANGED, after.username() + ": " + features);
        }
    }

    @POST
    @Transactional
    @Path("{id}/rotate")
    @Operation(summary = "Give the credential a new password; the old one stops working at once",
            description = "The response holds the new password, once.")
    public CreatedCredential rotate(@PathParam("id") long id) {
        String username = credential(id).getUsername();
        CreatedCredential rotated = CreatedCredential.of(accounts.rotatePassword(id));
        audit.record(accountId, AuditActions.CREDENTIAL_ROTATED, username);
        return rotated;
    }

    @DELETE
    @Transactional
    @Path("{id}")
    @Operation(summary = "Delete a credential; its messages stay in the log with its user name")
    public Response delete(@PathParam("id") long id) {
        String username = credential(id).getUsername();
        accounts.deleteCredential(id);
        audit.record(accountId, AuditActions.CREDENTIAL_DELETED, username);
        return Response.noContent().build();
    }

    private Account account() {
        return pathAccounts.visible(accountId);
    }

    /** The credential, when it is this account's; anything else is 404. */
    private SmtpCredential credential(long id) {
        pathAccounts.visible(accountId);
        return accounts.credential(id).filter(c -> c.getAccount().getId() == accountId)
                .orElseThrow(() -> new NotFoundException("No credential " + id + " in account " + accountId));
    }
}
