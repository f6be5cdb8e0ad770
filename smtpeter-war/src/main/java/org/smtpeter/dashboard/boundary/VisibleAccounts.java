package org.smtpeter.dashboard.boundary;

import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.smtpeter.credentials.control.Accounts;
import org.smtpeter.credentials.entity.Account;
import org.smtpeter.users.boundary.Viewer;

/** The accounts a page may offer to choose from: all of them for operators, one's own for everyone else. */
@RequestScoped
public class VisibleAccounts {

    /** Enough for a drop-down; the accounts page pages through more. */
    static final int MOST = 1000;

    @Inject
    Accounts accounts;

    @Inject
    Viewer viewer;

    private List<Account> list;

    public List<Account> list() {
        if (list == null) {
            Long own = viewer.getAccountId();
            list = viewer.isOperator() ? accounts.list(0, MOST)
                    : own == null ? List.of() : accounts.find(own).map(List::of).orElse(List.of());
        }
        return list;
    }
}
