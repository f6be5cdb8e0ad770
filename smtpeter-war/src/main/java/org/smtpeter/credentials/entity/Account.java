package org.smtpeter.credentials.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import org.smtpeter.platform.entity.CreatedEntity;

/** A customer of the relay; owns SMTP credentials and, through them, messages. */
@Entity
@Table(name = "account")
@NamedQuery(name = Account.BY_NAME, query = "SELECT a FROM Account a WHERE a.name = :name")
@NamedQuery(name = Account.ALL, query = "SELECT a FROM Account a ORDER BY a.id")
public class Account extends CreatedEntity {

    public static final String BY_NAME = "Account.byName";
    public static final String ALL = "Account.all";

    @Column(nullable = false, unique = true, length = 100)
    private String name;

    protected Account() {
    }

    public Account(String name, Instant createdAt) {
        super(createdAt);
        this.name = name;
    }

    public String getName() {
        return name;
    }
}
