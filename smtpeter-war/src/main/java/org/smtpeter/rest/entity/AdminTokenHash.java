package org.smtpeter.rest.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The PBKDF2 hash of the generated REST API admin token: one row, with a fixed id, so that two
 * instances starting on an empty database cannot both store one. The token itself is printed
 * once, when it is generated, and stored nowhere.
 */
@Entity
@Table(name = "admin_token")
public class AdminTokenHash {

    public static final long ONLY = 1;

    @Id
    private Long id;

    @Column(name = "token_hash", nullable = false, length = 400)
    private String hash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected AdminTokenHash() {
    }

    public AdminTokenHash(String hash, Instant createdAt) {
        this.id = ONLY;
        this.hash = hash;
        this.createdAt = createdAt;
    }

    public String getHash() {
        return hash;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public void replace(String newHash, Instant now) {
        this.hash = newHash;
        this.createdAt = now;
    }
}
