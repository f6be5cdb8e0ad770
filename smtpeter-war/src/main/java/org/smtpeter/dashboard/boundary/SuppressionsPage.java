package org.smtpeter.dashboard.boundary;

import java.util.List;
import java.util.Optional;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.smtpeter.audit.control.AuditActions;
import org.smtpeter.suppressions.control.Suppressions;
import org.smtpeter.suppressions.entity.Suppression;
import org.smtpeter.credentials.control.Accounts;
import org.smtpeter.credentials.entity.Account;
import org.smtpeter.dashboard.control.Slice;

/**
 * Backs {@code dashboard/suppressions.xhtml?account=}: one account's suppression list, searched by
 * address; entries can be added by hand and removed (the address is then sent to again).
 */
@Named
@ViewScoped
public class SuppressionsPage extends AccountScopedPage {

    private static final long serialVersionUID = 1L;

    /** What a hand-made entry says as its reason; bounces and complaints add their own. */
    static final String MANUAL = "manual";

    @Inject
    Audited audited;

    @Inject
    Suppressions suppressions;

    @Inject
    Accounts accounts;

    private String address;
    private int page = 1;
    private String newAddress;
    private String note;
    // Read again after every change; transient because entities do not travel with a serialized session.
    private transient Slice<Suppression> slice;


    public Account getSelected() {
        return selected().orElse(null);
    }

    public Slice<Suppression> getSlice() {
        if (slice == null) {
            int number = Math.max(page, 1);
            String search = address == null || address.isBlank() ? null : address.strip();
            slice = selected().map(a -> Slice.of(suppressions.list(a.getId(), search, Slice.offset(number),
                    Slice.fetchSize()), number)).orElse(Slice.of(List.of(), 1));
        }
        return slice;
    }

    /** Shows the chosen account and search as a page of its own (a redirect, so the URL says what is shown). */
    public String show() {
        page = 1;
        return "/dashboard/suppressions?faces-redirect=true&includeViewParams=true";
    }

    public void add() {
        Optional<Account> owner = selected();
        String entry = newAddress == null ? "" : newAddress.strip();
        if (owner.isEmpty()) {
            Notices.error("Choose an account first.");
        } else if (!looksLikeAnAddress(entry)) {
            Notices.error("That is not an email address.");
        } else {
            Suppression added = audited.make(AuditActions.SUPPRESSION_ADDED, () -> suppressions.suppress(owner.get(), entry, MANUAL,
                    note == null || note.isBlank() ? "added on the dashboard" : note.strip()),
                    made -> owner.get().getId(), Suppression::getAddress);
            Notices.info("Mail from " + owner.get().getName() + " to " + added.getAddress() + " is no longer sent.");
            newAddress = null;
            note = null;
        }
        slice = null;
    }

    public void remove(Suppression suppression) {
        Long owner = selected().map(Account::getId).orElse(null);
        String removed = suppression.getAddress();
        // Only entries of the account on the page, whatever the request says.
        boolean own = suppressions.byId(suppression.getId()).filter(s -> s.getAccount().getId().equals(owner)).isPresent();
        if (own && audited.changeIf(owner, AuditActions.SUPPRESSION_REMOVED, removed, () -> suppressions.remove(suppression.getId()))) {
            Notices.info(removed + " is sent to again.");
        } else {
            Notices.error("That entry is gone already.");
        }
        slice = null;
    }

    /** Enough to catch typing mistakes; the relay itself decides what it can deliver to. */
    static boolean looksLikeAnAddress(String text) {
        int at = text.lastIndexOf('@');
        return text.length() <= 320 && at > 0 && at < text.length() - 1 && text.chars().noneMatch(Character::isWhitespace);
    }

    private Optional<Account> selected() {
        return scoped() == null ? Optional.empty() : accounts.find(scoped());
    }

    public String getAddress() {
        return address;
    }

    public void setAddress(String address) {
        this.address = address;
    }

    public int getPage() {
        return page;
    }

    public void setPage(int page) {
        this.page = page;
    }

    public String getNewAddress() {
        return newAddress;
    }

    public void setNewAddress(String newAddress) {
        this.newAddress = newAddress;
    }

    public String getNote() {
        return note;
    }

    public void setNote(String note) {
        this.note = note;
    }
}
