package org.smtpeter.credentials.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.PathParam;

import org.smtpeter.audit.boundary.ApiAudit;

/**
 * A REST resource below {@code accounts/{account}/}: the account its path names (read through
 * {@link PathAccounts}, so another account's is 404) and the audit log its changes are recorded in.
 */
public abstract class AccountResource {

    @Inject
    protected PathAccounts pathAccounts;

    @Inject
    protected ApiAudit audit;

    @PathParam("account")
    protected long accountId;
}
