package org.smtpeter.credentials.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import org.smtpeter.platform.entity.CreatedEntity;

/**
 * A REST API token of one account. Only its SHA-256 hash is stored: the token is shown once,
 * when it is issued. A fast hash suffices because the token is 256 random bits, not a password
 * someone chose: there is nothing to guess, so PBKDF2's slowness would buy nothing.
 */
@Entity
@Table(name = "api_token")
@NamedQuery(name = ApiToken.BY_HASH, query = "SELECT t FROM ApiToken t WHERE t.tokenHash = :hash")
@NamedQuery(name = ApiToken.OF_ACCOUNT, query = "SELECT t FROM ApiToken t WHERE t.account.id = :account ORDER BY t.id")
public class ApiToken extends CreatedEntity {

    public static final String BY_HASH = "ApiToken.byHash";
    public static final String OF_ACCOUNT = "ApiToken.ofAccount";

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "account_id", nullable = false)
    private Account account;

    /** Hex SHA-256 of the token. */
    @Column(name = "token_hash", nullable = false, unique = true, length = 64)
    private String tokenHash;

    @Column(length = 200)
    private String description;

    protected ApiToken() {
    }

    public ApiToken(Account account, String tokenHash, String description, Instant createdAt) {
        super(createdAt);
        this.account = account;
        this.tokenHash = tokenHash;
        this.description = description;
    }

    public Account getAccount() {
        return account;
    }

    /** The owning account's id without loading the account. */
    public long getAccountId() {
        return account.getId();
    }

    /** How the audit log names whoever used this token: its id and description, never the token. */
    public String actor() {
        return "API token " + getId() + (description == null || description.isBlank() ? "" : " (" + description + ")");
    }

    public String getTokenHash() {
        return tokenHash;
    }

    public String getDescription() {
        return description;
    }
}
