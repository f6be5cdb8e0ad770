package org.smtpeter.dashboard.boundary;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.smtpeter.audit.control.AuditActions;
import org.smtpeter.audit.control.AuditLog;
import org.smtpeter.audit.entity.AuditEntry;
import org.smtpeter.credentials.control.Accounts;
import org.smtpeter.credentials.entity.Account;
import org.smtpeter.dashboard.control.Slice;

/**
 * Backs {@code dashboard/audit.xhtml?account=&action=&page=}: the audit log, newest first, of one
 * account or of all. Reading it changes nothing, so the form is a plain GET like the message log's.
 */
@Named
@RequestScoped
public class AuditPage extends AccountScopedPage {

    @Inject
    AuditLog log;

    @Inject
    Accounts accounts;

    private String action;
    private int page = 1;
    private Slice<AuditEntry> slice = Slice.of(List.of(), 1);
    private Map<Long, String> names;

    /** Runs before rendering (f:viewAction), with the view parameters set. */
    public void search() {
        try {
            AuditActions.prefix(action);
        } catch (IllegalArgumentException e) {
            Notices.error(e.getMessage());
            return;
        }
        page = Math.max(page, 1);
        slice = Slice.of(log.entries(scoped(), action, Slice.offset(page), Slice.fetchSize()), page);
    }

    /** The account an entry is about: its name, the id of one deleted since, or the relay itself. */
    public String accountName(Long id) {
        if (id == null) {
            return "(relay)";
        }
        if (names == null) {
            names = getAccounts().stream().collect(Collectors.toMap(Account::getId, Account::getName, (a, b) -> a, HashMap::new));
        }
        // Beyond the first 1000 accounts of the menu, the account is looked up by itself.
        return names.computeIfAbsent(id, missing -> accounts.find(missing).map(Account::getName)
                .orElse("#" + missing + " (deleted)"));
    }


    public Slice<AuditEntry> getSlice() {
        return slice;
    }

    /** The start of an action code, e.g. {@code credential.}: only those actions. */
    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = action;
    }

    public int getPage() {
        return page;
    }

    public void setPage(int page) {
        this.page = page;
    }
}
