package org.smtpeter.users.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import org.smtpeter.credentials.entity.Account;
import org.smtpeter.platform.entity.CreatedEntity;

/**
 * A person who may log in to the dashboard: an operator of the relay (no account, role
 * {@link #ADMIN}) or someone of one account, its {@link #OWNER} or a {@link #MEMBER}. The role is
 * also the Jakarta Security group the person logs in with. An invited user has no password until
 * the invitation is accepted; a disabled one cannot log in and loses a running session.
 */
@Entity
@Table(name = "dashboard_user")
public class DashboardUser extends CreatedEntity {

    /** Operators see and change everything, and manage accounts. */
    public static final String ADMIN = "ADMIN";
    /** An account's owner: everything of the account, its people included. */
    public static final String OWNER = "OWNER";
    /** An account's member: everything of the account but its people. */
    public static final String MEMBER = "MEMBER";

    /** For invited people their e-mail address; operators may have any name. */
    @Column(nullable = false, unique = true, length = 100)
    private String username;

    @Column(length = 320)
    private String email;

    /** Null for operators. */
    @ManyToOne(fetch = FetchType.EAGER)
    @JoinColumn(name = "account_id")
    private Account account;

    /** PBKDF2 in Jakarta Security's encoded form: {@code algorithm:iterations:salt:hash}; null until set. */
    @Column(name = "password_hash", length = 400)
    private String passwordHash;

    @Column(nullable = false, length = 20)
    private String role;

    @Column(nullable = false)
    private boolean enabled = true;

    /** The TOTP secret, encrypted; null while two-factor login is off. */
    @Column(name = "totp_secret", length = 200)
    private String totpSecret;

    /** The last TOTP time step that logged in: a code is accepted once. */
    @Column(name = "totp_last_step")
    private Long totpLastStep;

    protected DashboardUser() {
    }

    public DashboardUser(String username, String passwordHash, String role, Instant createdAt) {
        super(createdAt);
        this.username = username;
        this.passwordHash = passwordHash;
        this.role = role;
    }

    /** Someone invited into an account, without a password yet. */
    public static DashboardUser invited(Account account, String email, String role, Instant now) {
        if (!OWNER.equals(role) && !MEMBER.equals(role)) {
            throw new IllegalArgumentException("an account's user is an OWNER or a MEMBER, not " + role);
        }
        DashboardUser user = new DashboardUser(email, null, role, now);
        user.account = account;
        user.email = email;
        return user;
    }

    public void changePasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    public void enable(boolean enabled) {
        this.enabled = enabled;
    }

    public void changeRole(String role) {
        if (account == null || !(OWNER.equals(role) || MEMBER.equals(role))) {
            throw new IllegalArgumentException("only an account's users change between OWNER and MEMBER");
        }
        this.role = role;
    }

    public void twoFactor(String encryptedSecret) {
        this.totpSecret = encryptedSecret;
        this.totpLastStep = null;
    }

    /** Remembers the step of a code that just logged in; false when that step (or a later one) was used already. */
    public boolean useTotpStep(long step) {
        if (totpLastStep != null && step <= totpLastStep) {
            return false;
        }
        totpLastStep = step;
        return true;
    }

    public boolean isOperator() {
        return account == null;
    }

    public boolean isOwner() {
        return OWNER.equals(role);
    }

    public boolean hasTwoFactor() {
        return totpSecret != null;
    }

    public boolean hasPassword() {
        return passwordHash != null;
    }

    public String getUsername() {
        return username;
    }

    public String getEmail() {
        return email;
    }

    public Account getAccount() {
        return account;
    }

    public Long getAccountId() {
        return account == null ? null : account.getId();
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public String getRole() {
        return role;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public String getTotpSecret() {
        return totpSecret;
    }

}
