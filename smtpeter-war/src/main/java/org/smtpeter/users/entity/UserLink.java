package org.smtpeter.users.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import org.smtpeter.platform.entity.CreatedEntity;

/**
 * A link mailed to a person to accept an invitation or to reset a password. The link carries a
 * random secret; only its SHA-256 is kept here, so the table cannot be turned into working links.
 * It works until {@code expiresAt}, once.
 */
@Entity
@Table(name = "user_link")
public class UserLink extends CreatedEntity {

    public enum Purpose {
        INVITATION, RESET
    }

    @ManyToOne(optional = false)
    @JoinColumn(name = "user_id", nullable = false)
    private DashboardUser user;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private Purpose purpose;

    @Column(name = "token_hash", nullable = false, unique = true, length = 64)
    private String tokenHash;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "used_at")
    private Instant usedAt;

    protected UserLink() {
    }

    public UserLink(DashboardUser user, Purpose purpose, String tokenHash, Instant createdAt, Instant expiresAt) {
        super(createdAt);
        this.user = user;
        this.purpose = purpose;
        this.tokenHash = tokenHash;
        this.expiresAt = expiresAt;
    }

    public boolean isUsable(Purpose wanted, Instant now) {
        return purpose == wanted && usedAt == null && now.isBefore(expiresAt) && user.isEnabled();
    }

    public void use(Instant now) {
        usedAt = now;
    }

    public DashboardUser getUser() {
        return user;
    }

    public Purpose getPurpose() {
        return purpose;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }
}
