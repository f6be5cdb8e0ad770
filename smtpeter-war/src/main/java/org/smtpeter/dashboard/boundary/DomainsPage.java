package org.smtpeter.dashboard.boundary;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import jakarta.ejb.EJBException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.smtpeter.audit.control.AuditActions;
import org.smtpeter.credentials.control.Accounts;
import org.smtpeter.credentials.entity.Account;
import org.smtpeter.domains.control.DnsRecord;
import org.smtpeter.domains.control.DomainCheck;
import org.smtpeter.domains.control.DomainSettings;
import org.smtpeter.domains.control.InvalidDomainException;
import org.smtpeter.domains.control.SenderDomains;
import org.smtpeter.domains.control.UnknownDomainException;
import org.smtpeter.domains.entity.DkimAlgorithm;
import org.smtpeter.domains.entity.DkimKey;
import org.smtpeter.domains.entity.SenderDomain;

/**
 * Backs {@code dashboard/domains.xhtml?account=}: an account's sender domains, each with the DNS
 * records to publish and what the last check found; domains can be added, checked, rotated and
 * (after a second click) deleted.
 */
@Named
@ViewScoped
public class DomainsPage extends AccountScopedPage {

    private static final long serialVersionUID = 1L;

    @Inject
    Audited audited;

    @Inject
    SenderDomains domains;

    @Inject
    DomainSettings settings;

    @Inject
    Accounts accounts;

    private String newName;
    private boolean ed25519;
    private Long confirmingDelete;
    // Read again after every change; transient because entities do not travel with a serialized session.
    private transient List<Shown> shown;

    /** One domain as the page shows it. */
    public record Shown(long id, String name, boolean verified, Instant checkedAt, List<DkimKey> keys, List<Row> records) {
    }

    /** One record with its state at the last check: found, missing, wrong, or not checked. */
    public record Row(String purpose, String type, String name, String value, String status) {
    }


    public Account getSelected() {
        return selected().orElse(null);
    }

    public List<Shown> getDomains() {
        if (shown == null) {
            shown = selected().map(a -> domains.list(a.getId()).stream().map(this::shown).toList()).orElse(List.of());
        }
        return shown;
    }

    private Shown shown(SenderDomain domain) {
        List<Row> rows = DnsRecord.of(domain, settings.relayHost(), settings.trackingHost()).stream()
                .map(record -> new Row(record.purpose(), record.type(), record.name(), record.value(),
                        Optional.ofNullable(DomainCheck.status(domain, record)).orElse("not checked")))
                .toList();
        return new Shown(domain.getId(), domain.getName(), domain.isVerified(), domain.getCheckedAt(),
                List.copyOf(domain.getKeys()), rows);
    }

    /** Shows the chosen account as a page of its own (a redirect, so the URL says what is shown). */
    public String show() {
        return "/dashboard/domains?faces-redirect=true&includeViewParams=true";
    }

    public void add() {
        confirmingDelete = null;
        Optional<Account> owner = selected();
        if (owner.isEmpty()) {
            Notices.error("Choose an account first.");
            return;
        }
        EnumSet<DkimAlgorithm> algorithms = ed25519 ? EnumSet.allOf(DkimAlgorithm.class) : EnumSet.of(DkimAlgorithm.RSA);
        String added = newName == null ? "" : newName.strip().toLowerCase(java.util.Locale.ROOT);
        if (act(() -> audited.change(owner.get().getId(), AuditActions.DOMAIN_ADDED, added,
                () -> domains.add(owner.get().getId(), newName, algorithms)))) {
            Notices.info("Added " + newName.strip().toLowerCase(java.util.Locale.ROOT) + ". Publish its records, then check them.");
            newName = null;
            ed25519 = false;
        }
    }

    public void check(long domainId) {
        confirmingDelete = null;
        selected().ifPresent(owner -> {
            if (act(() -> domains.check(owner.getId(), domainId))) {
                Notices.info("Checked the records of " + nameOf(domainId) + ".");
            }
        });
    }

    public void rotate(long domainId) {
        confirmingDelete = null;
        selected().ifPresent(owner -> {
            if (act(() -> audited.change(owner.getId(), AuditActions.DOMAIN_KEY_ROTATED, nameOf(domainId),
                    () -> domains.rotate(owner.getId(), domainId)))) {
                Notices.info("New keys for " + nameOf(domainId) + ": publish their records; they sign once a check finds them.");
            }
        });
    }

    public void askDelete(long domainId) {
        confirmingDelete = domainId;
    }

    public void delete() {
        if (confirmingDelete == null) {
            return; // sent twice
        }
        long domainId = confirmingDelete;
        String name = nameOf(domainId);
        confirmingDelete = null;
        selected().ifPresent(owner -> {
            if (audited.changeIf(owner.getId(), AuditActions.DOMAIN_REMOVED, name, () -> domains.delete(owner.getId(), domainId))) {
                Notices.info("Deleted " + name + ". Its mail is no longer signed.");
            } else {
                Notices.error("That domain is gone already.");
            }
        });
        shown = null;
    }

    public void cancel() {
        confirmingDelete = null;
    }

    /** Runs a change, shows why it could not be made, and reads the list again. */
    private boolean act(Runnable action) {
        try {
            action.run();
            return true;
        } catch (InvalidDomainException | UnknownDomainException e) {
            Notices.error(e.getMessage());
        } catch (EJBException e) {
            Notices.error(e.getCause() instanceof InvalidDomainException ? e.getCause().getMessage() : "That did not work.");
        } finally {
            shown = null;
        }
        return false;
    }

    private String nameOf(long domainId) {
        return getDomains().stream().filter(d -> d.id() == domainId).map(Shown::name).findFirst().orElse("the domain");
    }

    private Optional<Account> selected() {
        return scoped() == null ? Optional.empty() : accounts.find(scoped());
    }

    public String getNewName() {
        return newName;
    }

    public void setNewName(String newName) {
        this.newName = newName;
    }

    public boolean isEd25519() {
        return ed25519;
    }

    public void setEd25519(boolean ed25519) {
        this.ed25519 = ed25519;
    }

    public Long getConfirmingDelete() {
        return confirmingDelete;
    }
}
