package org.smtpeter.domains.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.smtpeter.audit.control.AuditActions;
import org.smtpeter.credentials.boundary.AccountResource;
import org.smtpeter.domains.control.SenderDomains;

/** An account's rule for From domains: whether it sends only from its verified sender domains. */
@RequestScoped
@Path("accounts/{account}/domain-policy")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "domains")
public class DomainPolicyResource extends AccountResource {

    @Inject
    SenderDomains domains;

    public record Policy(Boolean requireVerified) {
    }

    @GET
    @Operation(summary = "Whether the account sends only from its verified sender domains")
    public Policy policy() {
        pathAccounts.visible(accountId);
        return new Policy(domains.requiresVerified(accountId));
    }

    @PUT
    @Transactional
    @Operation(summary = "Require verified sender domains: mail from any other From domain is refused with 550 5.7.1")
    public Policy setPolicy(Policy policy) {
        pathAccounts.visible(accountId);
        if (policy == null || policy.requireVerified() == null) {
            throw new BadRequestException("requireVerified (true or false) is required");
        }
        if (domains.requiresVerified(accountId) != policy.requireVerified()) {
            domains.requireVerified(accountId, policy.requireVerified());
            audit.record(accountId, AuditActions.DOMAIN_POLICY_CHANGED,
                    policy.requireVerified() ? "only verified sender domains" : "any From domain");
        }
        return policy();
    }
}
