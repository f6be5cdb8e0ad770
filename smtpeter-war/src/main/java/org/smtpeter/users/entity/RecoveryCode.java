package org.smtpeter.users.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import org.smtpeter.platform.entity.IdentifiedEntity;

/** One of a person's two-factor recovery codes, kept as its SHA-256; each logs in once. */
@Entity
@Table(name = "recovery_code")
public class RecoveryCode extends IdentifiedEntity {

    @ManyToOne(optional = false)
    @JoinColumn(name = "user_id", nullable = false)
    private DashboardUser user;

    @Column(name = "code_hash", nullable = false, length = 64)
    private String codeHash;

    @Column(name = "used_at")
    private Instant usedAt;

    protected RecoveryCode() {
    }

    public RecoveryCode(DashboardUser user, String codeHash) {
        this.user = user;
        this.codeHash = codeHash;
    }

    public void use(Instant now) {
        usedAt = now;
    }

    public boolean isUsed() {
        return usedAt != null;
    }

    public String getCodeHash() {
        return codeHash;
    }
}
