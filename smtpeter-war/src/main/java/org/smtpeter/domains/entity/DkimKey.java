package org.smtpeter.domains.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import org.smtpeter.platform.entity.CreatedEntity;

/**
 * One DKIM key of a sender domain under its selector: the public key as DNS publishes it
 * ({@code p=}) and the private key encrypted (AES-GCM with the configured key-encryption key,
 * bound to domain and selector). The private key never leaves the relay.
 */
@Entity
@Table(name = "dkim_key")
public class DkimKey extends CreatedEntity {

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "domain_id", nullable = false)
    private SenderDomain domain;

    @Column(nullable = false, length = 63)
    private String selector;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private DkimAlgorithm algorithm;

    @Column(name = "public_key", nullable = false, length = 1000)
    private String publicKey;

    @Column(name = "private_key", nullable = false, length = 4000)
    private String encryptedPrivateKey;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private KeyState state;

    @Column(name = "activated_at")
    private Instant activatedAt;

    protected DkimKey() {
    }

    public DkimKey(SenderDomain domain, String selector, DkimAlgorithm algorithm, String publicKey,
                   String encryptedPrivateKey, KeyState state, Instant createdAt) {
        super(createdAt);
        this.domain = domain;
        this.selector = selector;
        this.algorithm = algorithm;
        this.publicKey = publicKey;
        this.encryptedPrivateKey = encryptedPrivateKey;
        this.state = state;
        this.activatedAt = state == KeyState.ACTIVE ? createdAt : null;
    }

    public void activate(Instant at) {
        state = KeyState.ACTIVE;
        activatedAt = at;
    }

    public void retire() {
        state = KeyState.RETIRED;
    }

    public SenderDomain getDomain() {
        return domain;
    }

    public String getSelector() {
        return selector;
    }

    public DkimAlgorithm getAlgorithm() {
        return algorithm;
    }

    public String getPublicKey() {
        return publicKey;
    }

    public String getEncryptedPrivateKey() {
        return encryptedPrivateKey;
    }

    public KeyState getState() {
        return state;
    }

    public Instant getActivatedAt() {
        return activatedAt;
    }

    @Override
    public String toString() {
        return "DkimKey[" + selector + " " + algorithm + " " + state + "]"; // never the private key
    }
}
