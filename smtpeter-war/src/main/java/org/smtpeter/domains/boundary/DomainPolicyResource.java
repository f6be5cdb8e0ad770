package org.smtpeter.domains.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.smtpeter.credentials.boundary.PathAccounts;
import org.smtpeter.domains.control.SenderDomains;

/** An account's rule for From domains: whether it sends only from its verified sender domains. */
@Path("accounts/{account}/domain-policy")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "domains")
public class DomainPolicyResource {

    @Inject
    SenderDomains domains;

    @Inject
    PathAccounts pathAccounts;

    @PathParam("account")
    long accountId;

    public record Policy(Boolean requireVerified) {
    }

    @GET
    @Operation(summary = "Whether the account sends only from its verified sender domains")
    public Policy policy() {
        pathAccounts.visible(accountId);
        return new Policy(domains.requiresVerified(accountId));
    }

    @PUT
    @Operation(summary = "Require verified sender domains: mail from any other From domain is refused with 550 5.7.1")
    public Policy setPolicy(Policy policy) {
        pathAccounts.visible(accountId);
        if (policy == null || policy.requireVerified() == null) {
            throw new BadRequestException("requireVerified (true or false) is required");
        }
        domains.requireVerified(accountId, policy.requireVerified());
        return policy();
    }
}
