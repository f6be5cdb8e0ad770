package org.smtpeter.suppressions.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

import org.smtpeter.platform.entity.CreatedEntity;
import org.smtpeter.credentials.entity.Account;

/**
 * An address an account no longer sends to: it bounced hard, complained, or bounced soft too
 * often. Mail to it is not sent but recorded as suppressed, until an operator removes the entry.
 */
@Entity
@Table(name = "suppression", uniqueConstraints = @UniqueConstraint(name = "suppression_account_address",
        columnNames = {"account_id", "address"}))
@NamedQuery(name = Suppression.FIND, query = "SELECT s FROM Suppression s WHERE s.account.id = :account AND s.address = :address")
@NamedQuery(name = Suppression.FIND_ANY,
        query = "SELECT s FROM Suppression s WHERE s.account.id = :account AND s.address IN :addresses")
public class Suppression extends CreatedEntity {

    public static final String FIND = "Suppression.find";
    public static final String FIND_ANY = "Suppression.findAny";

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "account_id", nullable = false)
    private Account account;

    /** Lower case, so that lookups match however the address was written. */
    @Column(nullable = false, length = 320)
    private String address;

    /** hard-bounce, complaint, soft-bounces or manual. */
    @Column(nullable = false, length = 20)
    private String reason;

    @Column(length = 1000)
    private String detail;

    protected Suppression() {
    }

    public Suppression(Account account, String address, String reason, String detail, Instant createdAt) {
        super(createdAt);
        this.account = account;
        this.address = normalize(address);
        this.reason = reason;
        this.detail = detail == null ? null : detail.substring(0, Math.min(detail.length(), 1000));
    }

    public static String normalize(String address) {
        return address.strip().toLowerCase(java.util.Locale.ROOT);
    }

    public Account getAccount() {
        return account;
    }

    public String getAddress() {
        return address;
    }

    public String getReason() {
        return reason;
    }

    public String getDetail() {
        return detail;
    }
}
