package org.smtpeter.credentials.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;

import org.smtpeter.credentials.control.Accounts;
import org.smtpeter.credentials.entity.Account;
import org.smtpeter.platform.boundary.Caller;

/**
 * The account that a resource's path names ({@code accounts/{account}/...}), for a caller who may
 * see it. Another account's, like one that does not exist, is 404, so ids reveal nothing.
 */
@RequestScoped
public class PathAccounts {

    @Inject
    Caller caller;

    @Inject
    Accounts accounts;

    /** For the admin, or an API token of this very account. */
    public Account visible(long id) {
        caller.requireAccess(id);
        return existing(id);
    }

    /** For the admin only (403 for an account's token). */
    public Account administered(long id) {
        caller.requireAdmin();
        return existing(id);
    }

    private Account existing(long id) {
        return accounts.find(id).orElseThrow(() -> new NotFoundException("No account " + id));
    }
}
