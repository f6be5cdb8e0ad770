package org.smtpeter.credentials.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import org.smtpeter.platform.entity.CreatedEntity;

/**
 * An SMTP login of an account. The password exists only as a PBKDF2 hash; it is shown once,
 * when the credential is created, and never again.
 */
@Entity
@Table(name = "smtp_credential")
// With its account: intake stores both with every message, and a lazy load would cost a query more.
@NamedQuery(name = SmtpCredential.BY_USERNAME,
        query = "SELECT c FROM SmtpCredential c JOIN FETCH c.account WHERE c.username = :username")
@NamedQuery(name = SmtpCredential.OF_ACCOUNT,
        query = "SELECT c FROM SmtpCredential c WHERE c.account.id = :account ORDER BY c.id")
public class SmtpCredential extends CreatedEntity {

    public static final String BY_USERNAME = "SmtpCredential.byUsername";
    public static final String OF_ACCOUNT = "SmtpCredential.ofAccount";

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "account_id", nullable = false)
    private Account account;

    @Column(nullable = false, unique = true, length = 100)
    private String username;

    @Column(name = "password_hash", nullable = false, length = 400)
    private String passwordHash;

    @Column(nullable = false)
    private boolean enabled = true;

    @Embedded
    private FeatureSet features = FeatureSet.defaults();

    /** With bounce tracking, whether bounces and replies that come back go on to the original sender. */
    @Column(name = "forward_bounces", nullable = false)
    private boolean forwardBounces = true;

    /**
     * Whether mail put on the JMS submission queue may name this credential. Off unless switched
     * on: whoever can write to the queue presents no password, so only credentials meant for it
     * may be sent as that way.
     */
    @Column(name = "jms_submission", nullable = false)
    private boolean jmsSubmission;

    @Column(length = 200)
    private String description;

    protected SmtpCredential() {
    }

    public SmtpCredential(Account account, String username, String passwordHash, FeatureSet features,
                          String description, Instant createdAt) {
        super(createdAt);
        this.account = account;
        this.username = username;
        this.passwordHash = passwordHash;
        this.features = features;
        this.description = description;
    }

    public Account getAccount() {
        return account;
    }

    public String getUsername() {
        return username;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public FeatureSet getFeatures() {
        return features;
    }

    public void setFeatures(FeatureSet features) {
        this.features = features;
    }

    public void changePasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    public boolean isForwardBounces() {
        return forwardBounces;
    }

    public void setForwardBounces(boolean forwardBounces) {
        this.forwardBounces = forwardBounces;
    }

    public boolean isJmsSubmission() {
        return jmsSubmission;
    }

    public void setJmsSubmission(boolean jmsSubmission) {
        this.jmsSubmission = jmsSubmission;
    }

    public String getDescription() {
        return description;
    }
}
