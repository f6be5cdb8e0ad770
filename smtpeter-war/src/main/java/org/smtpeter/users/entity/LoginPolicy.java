package org.smtpeter.users.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An account's rule for its people: with {@code requireTwoFactor}, everyone must log in with a second factor. */
@Entity
@Table(name = "login_policy")
public class LoginPolicy {

    @Id
    @Column(name = "account_id")
    private Long accountId;

    @Column(name = "require_two_factor", nullable = false)
    private boolean requireTwoFactor;

    protected LoginPolicy() {
    }

    public LoginPolicy(long accountId, boolean requireTwoFactor) {
        this.accountId = accountId;
        this.requireTwoFactor = requireTwoFactor;
    }

    public void requireTwoFactor(boolean required) {
        requireTwoFactor = required;
    }

    public boolean isRequireTwoFactor() {
        return requireTwoFactor;
    }
}
