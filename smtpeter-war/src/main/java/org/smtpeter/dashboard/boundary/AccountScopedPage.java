package org.smtpeter.dashboard.boundary;

import java.io.Serializable;
import java.util.List;

import jakarta.inject.Inject;

import org.smtpeter.credentials.entity.Account;
import org.smtpeter.users.boundary.Viewer;

/**
 * A page about one account, chosen by {@code ?account=} (or, for operators, all of them): the
 * account asked for, what the viewer may see of it, and the accounts to choose from.
 */
public abstract class AccountScopedPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Viewer viewer;

    @Inject
    VisibleAccounts visibleAccounts;

    private Long account;

    /** The account asked for, as far as the viewer may see it: their own for an account's people. */
    protected Long scoped() {
        return viewer.scope(account);
    }

    /** All accounts for operators, one's own for everyone else. */
    public List<Account> getAccounts() {
        return visibleAccounts.list();
    }

    public Long getAccount() {
        return account;
    }

    public void setAccount(Long account) {
        this.account = account;
    }
}
