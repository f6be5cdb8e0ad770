package org.smtpeter.domains.entity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import org.smtpeter.platform.entity.CreatedEntity;

/**
 * A domain an account sends from, with its DKIM keys and the hosts it publishes for bounces
 * ({@code bounce.<domain>} unless set otherwise) and for tracking ({@code track.<domain>}, a CNAME
 * of the relay's tracking host). Verified while the DNS check finds the record of every active key.
 */
@Entity
@Table(name = "sender_domain")
@NamedQuery(name = SenderDomain.OF_ACCOUNT, query = "SELECT d FROM SenderDomain d WHERE d.accountId = :account ORDER BY d.name")
@NamedQuery(name = SenderDomain.ALL, query = "SELECT d FROM SenderDomain d ORDER BY d.id")
public class SenderDomain extends CreatedEntity {

    public static final String OF_ACCOUNT = "SenderDomain.ofAccount";
    public static final String ALL = "SenderDomain.all";

    @Column(name = "account_id", nullable = false)
    private Long accountId;

    @Column(nullable = false, length = 253)
    private String name;

    @Column(name = "bounce_host", nullable = false, length = 253)
    private String bounceHost;

    @Column(name = "tracking_host", nullable = false, length = 253)
    private String trackingHost;

    @Column(name = "verified_at")
    private Instant verifiedAt;

    @Column(name = "checked_at")
    private Instant checkedAt;

    /** The last DNS check, as the API shows it (JSON). */
    @Column(name = "last_check", length = 8000)
    private String lastCheck;

    @OneToMany(mappedBy = "domain", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("id")
    private List<DkimKey> keys = new ArrayList<>();

    protected SenderDomain() {
    }

    public SenderDomain(long accountId, String name, Instant createdAt) {
        super(createdAt);
        this.accountId = accountId;
        this.name = name.toLowerCase(Locale.ROOT);
        this.bounceHost = "bounce." + this.name;
        this.trackingHost = "track." + this.name;
    }

    public DkimKey add(DkimKey key) {
        keys.add(key);
        return key;
    }

    /** After a DNS check: verified from the first check that found every active key, until one that does not. */
    public void checked(Instant at, boolean verified, String result) {
        checkedAt = at;
        lastCheck = result;
        if (!verified) {
            verifiedAt = null;
        } else if (verifiedAt == null) {
            verifiedAt = at;
        }
    }

    public boolean isVerified() {
        return verifiedAt != null;
    }

    public Long getAccountId() {
        return accountId;
    }

    public String getName() {
        return name;
    }

    public String getBounceHost() {
        return bounceHost;
    }

    public String getTrackingHost() {
        return trackingHost;
    }

    public Instant getVerifiedAt() {
        return verifiedAt;
    }

    public Instant getCheckedAt() {
        return checkedAt;
    }

    public String getLastCheck() {
        return lastCheck;
    }

    public List<DkimKey> getKeys() {
        return keys;
    }
}
