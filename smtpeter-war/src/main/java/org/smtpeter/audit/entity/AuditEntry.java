package org.smtpeter.audit.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A change made to an account (or, without an account, to the relay as a whole). Written once,
 * never changed. Texts longer than their columns are cut, so that an entry is never the reason a
 * change fails.
 */
@Entity
@Table(name = "audit_entry")
public class AuditEntry {

    public static final int ACTOR_LENGTH = 300;
    public static final int REMOTE_ADDRESS_LENGTH = 64;
    public static final int ACTION_LENGTH = 64;
    public static final int DETAIL_LENGTH = 1000;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE)
    private Long id;

    /** No relation to Account: the entry stays when the account is deleted. Null: relay-wide. */
    @Column(name = "account_id")
    private Long accountId;

    @Column(name = "occurred_at", nullable = false)
    private Instant at;

    @Column(nullable = false, length = ACTOR_LENGTH)
    private String actor;

    @Column(name = "remote_address", length = REMOTE_ADDRESS_LENGTH)
    private String remoteAddress;

    @Column(nullable = false, length = ACTION_LENGTH)
    private String action;

    @Column(length = DETAIL_LENGTH)
    private String detail;

    protected AuditEntry() {
    }

    public AuditEntry(Long accountId, Instant at, String actor, String remoteAddress, String action, String detail) {
        this.accountId = accountId;
        this.at = at;
        this.actor = cut(actor, ACTOR_LENGTH);
        this.remoteAddress = cut(remoteAddress, REMOTE_ADDRESS_LENGTH);
        this.action = action;
        this.detail = cut(detail, DETAIL_LENGTH);
    }

    static String cut(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length - 1) + "…";
    }

    public Long getId() {
        return id;
    }

    public Long getAccountId() {
        return accountId;
    }

    public Instant getAt() {
        return at;
    }

    public String getActor() {
        return actor;
    }

    public String getRemoteAddress() {
        return remoteAddress;
    }

    public String getAction() {
        return action;
    }

    public String getDetail() {
        return detail;
    }
}
