package org.smtpeter.domains.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An account's rule for From domains: with {@code requireVerified}, mail from a domain that is not one of its verified sender domains is refused. */
@Entity
@Table(name = "domain_policy")
public class DomainPolicy {

    @Id
    @Column(name = "account_id")
    private Long accountId;

    @Column(name = "require_verified", nullable = false)
    private boolean requireVerified;

    protected DomainPolicy() {
    }

    public DomainPolicy(long accountId, boolean requireVerified) {
        this.accountId = accountId;
        this.requireVerified = requireVerified;
    }

    public void requireVerified(boolean required) {
        requireVerified = required;
    }

    public Long getAccountId() {
        return accountId;
    }

    public boolean isRequireVerified() {
        return requireVerified;
    }
}
