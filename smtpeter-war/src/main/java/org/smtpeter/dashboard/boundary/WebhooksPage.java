package org.smtpeter.dashboard.boundary;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.smtpeter.audit.control.AuditActions;
import org.smtpeter.users.boundary.Viewer;
import org.smtpeter.credentials.control.Accounts;
import org.smtpeter.credentials.entity.Account;
import org.smtpeter.webhooks.control.Webhooks;
import org.smtpeter.webhooks.entity.WebhookDelivery;
import org.smtpeter.webhooks.entity.WebhookEndpoint;

/**
 * Backs {@code dashboard/webhooks.xhtml?account=}: an account's webhook endpoints, each with its
 * notice when it was disabled, and the delivery log of the one chosen. A new or rotated secret is
 * shown once; deleting and rotating ask first, as on the account page.
 */
@Named
@ViewScoped
public class WebhooksPage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int LOG_ENTRIES = 50;

    @Inject
    Audited audited;

    @Inject
    Viewer viewer;

    @Inject
    VisibleAccounts visibleAccounts;

    @Inject
    Accounts accounts;

    @Inject
    Webhooks webhooks;

    private Long account;
    private String url;
    private String description;
    private List<String> eventTypes = new ArrayList<>();
    private String shownSecret;
    private Long confirmingDelete;
    private Long confirmingRotate;
    private Long showingLog;
    private transient Optional<Account> owner;
    private transient List<WebhookEndpoint> endpoints;

    public Account getAccount() {
        if (owner == null) {
            owner = scoped() == null ? Optional.empty() : accounts.find(scoped());
        }
        return owner.orElse(null);
    }

    public List<WebhookEndpoint> getEndpoints() {
        if (endpoints == null) {
            endpoints = getAccount() == null ? List.of() : webhooks.endpoints(scoped());
        }
        return endpoints;
    }

    public List<String> getAllEventTypes() {
        return Webhooks.EVENT_TYPES;
    }

    public void create() {
        startAction();
        try {
            shownSecret = audited.make(AuditActions.WEBHOOK_CREATED, () -> webhooks.create(getAccount(), url, description, eventTypes),
                    created -> scoped(), WebhookEndpoint::getUrl).getSecret();
            url = null;
            description = null;
            eventTypes = new ArrayList<>();
        } catch (Webhooks.InvalidWebhook invalid) {
            Notices.error("Not added: " + invalid.getMessage() + ".");
        }
        endpoints = null;
    }

    public void setEnabled(long endpoint, boolean enabled) {
        startAction();
        act(endpoint, AuditActions.WEBHOOK_CHANGED, () -> webhooks.change(endpoint, null, null, null, enabled),
                enabled ? "Enabled the endpoint." : "Disabled the endpoint.");
    }

    public void sendTest(long endpoint) {
        startAction();
        act(endpoint, null, () -> webhooks.sendTest(endpoint), "Sent a test event; its outcome is in the log.");
        showingLog = endpoint;
    }

    public void askDelete(long endpoint) {
        startAction();
        confirmingDelete = endpoint;
    }

    public void delete() {
        Long endpoint = confirmingDelete;
        startAction();
        if (endpoint != null) {
            act(endpoint, AuditActions.WEBHOOK_DELETED, () -> webhooks.delete(endpoint), "Deleted the endpoint and its log.");
        }
    }

    public void askRotate(long endpoint) {
        startAction();
        confirmingRotate = endpoint;
    }

    public void rotate() {
        Long endpoint = confirmingRotate;
        startAction();
        if (endpoint != null) {
            act(endpoint, AuditActions.WEBHOOK_SECRET_ROTATED, () -> shownSecret = webhooks.rotate(endpoint).getSecret(), null);
        }
    }

    public void showLog(long endpoint) {
        startAction();
        showingLog = endpoint;
    }

    public void cancel() {
        startAction();
    }

    /** The chosen endpoint's newest deliveries, when it is one of this account's. */
    public List<WebhookDelivery> getLog() {
        if (showingLog == null || getEndpoints().stream().noneMatch(e -> e.getId().equals(showingLog))) {
            return List.of();
        }
        return webhooks.deliveries(showingLog, 0, LOG_ENTRIES);
    }

    public String types(WebhookEndpoint endpoint) {
        return endpoint.getEventTypes().isEmpty() ? "all" : String.join(", ", endpoint.getEventTypes());
    }

    private void startAction() {
        shownSecret = null;
        confirmingDelete = null;
        confirmingRotate = null;
    }

    private interface Action {
        void run() throws Webhooks.InvalidWebhook;
    }

    /** Acts only on endpoints of this page's account, then reads the list again. */
    private void act(long endpoint, String auditAction, Action action, String notice) {
        if (getEndpoints().stream().noneMatch(e -> e.getId() == endpoint)) {
            Notices.error("That endpoint is not one of this account's (any more).");
        } else {
            try {
                if (auditAction == null) {
                    action.run();
                } else {
                    audited.change(scoped(), auditAction, urlOf(endpoint), action::run);
                }
                if (notice != null) {
                    Notices.info(notice);
                }
            } catch (Webhooks.InvalidWebhook invalid) {
                Notices.error(invalid.getMessage() + ".");
            }
        }
        endpoints = null;
    }

    private String urlOf(long endpoint) {
        return getEndpoints().stream().filter(e -> e.getId() == endpoint).map(WebhookEndpoint::getUrl).findFirst()
                .orElse("endpoint " + endpoint);
    }

    /** The account asked for, as far as the viewer may see it (their own for an account's people). */
    private Long scoped() {
        return viewer.scope(account);
    }

    public Long getAccountId() {
        return account;
    }

    public void setAccountId(Long account) {
        this.account = account;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public List<String> getEventTypes() {
        return eventTypes;
    }

    public void setEventTypes(List<String> eventTypes) {
        this.eventTypes = eventTypes;
    }

    public String getShownSecret() {
        return shownSecret;
    }

    public Long getConfirmingDelete() {
        return confirmingDelete;
    }

    public Long getConfirmingRotate() {
        return confirmingRotate;
    }

    public Long getShowingLog() {
        return showingLog;
    }
}
