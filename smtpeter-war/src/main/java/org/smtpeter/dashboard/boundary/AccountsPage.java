package org.smtpeter.dashboard.boundary;

import java.io.Serializable;
import java.util.List;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.smtpeter.audit.control.AuditActions;
import org.smtpeter.credentials.control.Accounts;
import org.smtpeter.credentials.control.DuplicateAccountException;
import org.smtpeter.credentials.entity.Account;
import org.smtpeter.dashboard.control.Slice;

/** Backs {@code dashboard/accounts.xhtml}: the accounts, page by page, and a form to create one. */
@Named
@ViewScoped
public class AccountsPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Accounts accounts;

    @Inject
    Audited audited;

    private int page = 1;
    private String name;
    // Read again after every change; transient because entities do not travel with a serialized session.
    private transient Slice<Account> slice;

    public Slice<Account> getSlice() {
        if (slice == null) {
            List<Account> fetched = accounts.list(Slice.offset(page), Slice.fetchSize());
            slice = Slice.of(fetched, Math.max(page, 1));
        }
        return slice;
    }

    /** Creates the account and opens it, where its first SMTP credential is made. */
    public String create() {
        if (name == null || name.isBlank()) {
            Notices.error("Give the account a name.");
            return null;
        }
        try {
            Account account = audited.make(AuditActions.ACCOUNT_CREATED, () -> accounts.create(name.strip()),
                    Account::getId, Account::getName);
            Notices.infoAfterRedirect("Account " + account.getName() + " created. Now create an SMTP credential for it.");
            return "/dashboard/account?faces-redirect=true&id=" + account.getId();
        } catch (DuplicateAccountException e) {
            Notices.error(e.getMessage());
            return null;
        }
    }

    public int getPage() {
        return page;
    }

    public void setPage(int page) {
        this.page = page;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
