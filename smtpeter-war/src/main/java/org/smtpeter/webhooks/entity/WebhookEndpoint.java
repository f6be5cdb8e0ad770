package org.smtpeter.webhooks.entity;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.smtpeter.platform.entity.CreatedEntity;
import org.smtpeter.credentials.entity.Account;

/**
 * A URL of an account that is sent the account's events, signed with the endpoint's secret. It
 * keeps the secret (the relay signs with it), the event types it wants, and whether it still
 * works: after {@link #GIVE_UP_AFTER} of failed tries in a row it disables itself, with a notice
 * that says why.
 */
@Entity
@Table(name = "webhook_endpoint")
@NamedQuery(name = WebhookEndpoint.OF_ACCOUNT,
        query = "SELECT e FROM WebhookEndpoint e WHERE e.account.id = :account ORDER BY e.id")
@NamedQuery(name = WebhookEndpoint.ENABLED_OF_ACCOUNT,
        query = "SELECT e FROM WebhookEndpoint e WHERE e.account.id = :account AND e.enabled = :enabled ORDER BY e.id")
public class WebhookEndpoint extends CreatedEntity {

    public static final String OF_ACCOUNT = "WebhookEndpoint.ofAccount";
    /** With {@code enabled} = true: a literal TRUE becomes 1 on H2, which a BOOLEAN column refuses. */
    public static final String ENABLED_OF_ACCOUNT = "WebhookEndpoint.enabledOfAccount";

    /** How long an endpoint may fail before it is disabled, as the issue asks: a day of retries. */
    public static final Duration GIVE_UP_AFTER = Duration.ofHours(24);

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "account_id", nullable = false)
    private Account account;

    @Column(nullable = false, length = 2000)
    private String url;

    @Column(length = 200)
    private String description;

    /** Comma-separated wire names of the event types; empty for all. */
    @Column(name = "event_types", nullable = false, length = 200)
    private String eventTypes;

    @Column(nullable = false, length = 100)
    private String secret;

    private boolean enabled;

    @Column(name = "failing_since")
    private Instant failingSince;

    @Column(name = "disabled_at")
    private Instant disabledAt;

    @Column(name = "disabled_notice", length = 500)
    private String disabledNotice;

    @Column(name = "claimed_until")
    private Instant claimedUntil;

    @Version
    private long version;

    protected WebhookEndpoint() {
    }

    public WebhookEndpoint(Account account, String url, String description, Set<String> eventTypes, String secret,
                           Instant createdAt) {
        super(createdAt);
        this.account = account;
        this.url = url;
        this.description = description;
        this.eventTypes = String.join(",", eventTypes);
        this.secret = secret;
        this.enabled = true;
    }

    /** Whether this endpoint wants events of the type (its list empty: all of them). */
    public boolean wants(String eventType) {
        return eventTypes.isEmpty() || getEventTypes().contains(eventType);
    }

    /** A try failed: the first of a run starts the clock towards {@link #GIVE_UP_AFTER}. */
    public void failed(Instant now) {
        if (failingSince == null) {
            failingSince = now;
        }
    }

    public void succeeded() {
        failingSince = null;
    }

    /** Whether the failures have lasted long enough to give up. */
    public boolean failingTooLong(Instant now) {
        return failingSince != null && !now.isBefore(failingSince.plus(GIVE_UP_AFTER));
    }

    public void disable(Instant now, String notice) {
        enabled = false;
        disabledAt = now;
        disabledNotice = notice;
    }

    /** Enabled by hand: whatever disabled it is over, and its failures start again from none. */
    public void enable() {
        enabled = true;
        disabledAt = null;
        disabledNotice = null;
        failingSince = null;
    }

    public void change(String url, String description, Set<String> eventTypes) {
        this.url = url;
        this.description = description;
        this.eventTypes = String.join(",", eventTypes);
    }

    public void rotate(String secret) {
        this.secret = secret;
    }

    public Account getAccount() {
        return account;
    }

    public long getAccountId() {
        return account.getId();
    }

    public String getUrl() {
        return url;
    }

    public String getDescription() {
        return description;
    }

    /** The wanted types in the order given; empty for all. */
    public List<String> getEventTypes() {
        return eventTypes.isEmpty() ? List.of() : Arrays.asList(eventTypes.split(","));
    }

    public String getSecret() {
        return secret;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public Instant getFailingSince() {
        return failingSince;
    }

    public Instant getDisabledAt() {
        return disabledAt;
    }

    public String getDisabledNotice() {
        return disabledNotice;
    }

    public Instant getClaimedUntil() {
        return claimedUntil;
    }
}
