package org.smtpeter.users.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A person who may log in to the dashboard. Jakarta Security's database identity store reads this
 * table with plain SQL (see {@code DashboardSecurity}), so the table and column names are part of
 * that contract: {@code dashboard_user.username}, {@code .password_hash} and {@code .role}.
 */
@Entity
@Table(name = "dashboard_user")
public class DashboardUser {

    /** The one role there is: administrators see and change everything. */
    public static final String ADMIN = "ADMIN";

    // SEQUENCE rather than IDENTITY, as everywhere in this schema (IDENTITY DDL is broken on Payara's H2).
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE)
    private Long id;

    @Column(nullable = false, unique = true, length = 100)
    private String username;

    /** PBKDF2 in Jakarta Security's encoded form: {@code algorithm:iterations:salt:hash}. */
    @Column(name = "password_hash", nullable = false, length = 400)
    private String passwordHash;

    @Column(nullable = false, length = 20)
    private String role;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected DashboardUser() {
    }

    public DashboardUser(String username, String passwordHash, String role, Instant createdAt) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.role = role;
        this.createdAt = createdAt;
    }

    public void changePasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    public Long getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public String getRole() {
        return role;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
