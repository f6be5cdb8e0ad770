package org.smtpeter.credentials.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A customer of the relay; owns SMTP credentials and, through them, messages. */
@Entity
@Table(name = "account")
@NamedQuery(name = Account.BY_NAME, query = "SELECT a FROM Account a WHERE a.name = :name")
@NamedQuery(name = Account.ALL, query = "SELECT a FROM Account a ORDER BY a.id")
public class Account {

    public static final String BY_NAME = "Account.byName";
    public static final String ALL = "Account.all";

    // SEQUENCE rather than IDENTITY: Payara's EclipseLink writes IDENTITY columns in a form H2 2.2 refuses.
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE)
    private Long id;

    @Column(nullable = false, unique = true, length = 100)
    private String name;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Account() {
    }

    public Account(String name, Instant createdAt) {
        this.name = name;
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
