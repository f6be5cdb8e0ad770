package org.smtpeter.platform.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;

/**
 * Who is calling the API in this request, as the API's bearer token filter found out: the admin, who
 * sees everything, or one account, which sees only its own data. Another account's things are
 * answered with 404, as if they did not exist, so ids reveal nothing. It also says, for the audit
 * log, which token it was (never its secret) and from which address it came.
 */
@RequestScoped
public class Caller {

    /** How the audit log names the admin. */
    public static final String ADMIN_ACTOR = "admin token";

    /** Fail closed: until the filter has vouched for the caller, nothing is allowed. */
    private boolean authenticated;

    /** Null for the admin. */
    private Long accountId;

    private String actor;
    private String remoteAddress;

    public void admin(String remoteAddress) {
        authenticated = true;
        accountId = null;
        actor = ADMIN_ACTOR;
        this.remoteAddress = remoteAddress;
    }

    /** @param actor which of the account's tokens, e.g. "API token 12 (deploy)" */
    public void account(long id, String actor, String remoteAddress) {
        authenticated = true;
        accountId = id;
        this.actor = actor;
        this.remoteAddress = remoteAddress;
    }

    public boolean isAdmin() {
        checkAuthenticated();
        return accountId == null;
    }

    /** The account to restrict every query to; null (no restriction) for the admin. */
    public Long accountScope() {
        checkAuthenticated();
        return accountId;
    }

    /** Who is calling, as the audit log names it: {@value #ADMIN_ACTOR} or one API token. */
    public String actor() {
        checkAuthenticated();
        return actor;
    }

    /** The client's address as the server saw it. */
    public String remoteAddress() {
        checkAuthenticated();
        return remoteAddress;
    }

    private void checkAuthenticated() {
        if (!authenticated) {
            throw new IllegalStateException("no authenticated caller in this request");
        }
    }

    /**
     * The account a list is about: for the admin the one asked for (null: all), for an account
     * its own; an account asking for another gets 404.
     */
    public Long scope(Long requestedAccount) {
        if (isAdmin()) {
            return requestedAccount;
        }
        requireAccess(requestedAccount == null ? accountId : requestedAccount);
        return accountId;
    }

    /** 404 unless the caller may see this account's data. */
    public void requireAccess(long account) {
        if (!isAdmin() && account != accountId.longValue()) {
            throw new NotFoundException("No account " + account);
        }
    }

    /** Whether data of this account (null: nobody's) is visible to the caller. */
    public boolean canSee(Long account) {
        return isAdmin() || accountId.equals(account);
    }

    /** 403 for account tokens: creating accounts and tokens is the operator's business. */
    public void requireAdmin() {
        if (!isAdmin()) {
            throw new ForbiddenException("This needs the admin token; an account token cannot do it");
        }
    }
}
