package org.smtpeter.dashboard.boundary;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.smtpeter.audit.control.AuditActions;
import org.smtpeter.credentials.control.Accounts;
import org.smtpeter.credentials.control.ApiTokens;
import org.smtpeter.credentials.entity.Account;
import org.smtpeter.credentials.entity.ApiToken;
import org.smtpeter.users.boundary.Viewer;

/**
 * Backs {@code dashboard/tokens.xhtml?account=}: an account's REST API tokens. A new token is
 * shown once (only its hash is kept); revoking asks first.
 */
@Named
@ViewScoped
public class TokensPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Audited audited;

    @Inject
    Accounts accounts;

    @Inject
    ApiTokens tokens;

    @Inject
    Viewer viewer;

    private Long account;
    private String description;
    private String shownSecret;
    private Long confirmingRevoke;
    private transient List<ApiToken> list;

    public Account getSelected() {
        Long scope = viewer.scope(account);
        return scope == null ? null : accounts.find(scope).orElse(null);
    }

    public List<ApiToken> getTokens() {
        if (list == null) {
            list = Optional.ofNullable(getSelected()).map(a -> tokens.list(a.getId())).orElse(List.of());
        }
        return list;
    }

    public void create() {
        confirmingRevoke = null;
        Account owner = getSelected();
        if (owner == null) {
            return;
        }
        String text = description == null || description.isBlank() ? null : description.strip();
        ApiTokens.IssuedToken issued = audited.make(AuditActions.TOKEN_CREATED, () -> tokens.issue(owner, text),
                made -> owner.getId(), made -> "API token " + made.token().getId() + (text == null ? "" : " (" + text + ")"));
        shownSecret = issued.secret();
        description = null;
        list = null;
    }

    public void askRevoke(long tokenId) {
        shownSecret = null;
        confirmingRevoke = tokenId;
    }

    public void revoke() {
        Long tokenId = confirmingRevoke;
        confirmingRevoke = null;
        shownSecret = null;
        Account owner = getSelected();
        if (tokenId != null && owner != null) {
            if (audited.changeIf(owner.getId(), AuditActions.TOKEN_REVOKED, "API token " + tokenId,
                    () -> tokens.revoke(owner.getId(), tokenId))) {
                Notices.info("Revoked the token. Calls with it are refused from now on.");
            } else {
                Notices.error("That token is not one of this account's (any more).");
            }
        }
        list = null;
    }

    public void cancel() {
        confirmingRevoke = null;
    }

    public Long getAccount() {
        return account;
    }

    public void setAccount(Long account) {
        this.account = account;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public String getShownSecret() {
        return shownSecret;
    }

    public Long getConfirmingRevoke() {
        return confirmingRevoke;
    }
}
