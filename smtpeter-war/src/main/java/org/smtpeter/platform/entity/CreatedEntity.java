package org.smtpeter.platform.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;

/** An entity that records when it was created, in its column {@code created_at}. */
@MappedSuperclass
public abstract class CreatedEntity extends IdentifiedEntity {

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** For JPA. */
    protected CreatedEntity() {
    }

    protected CreatedEntity(Instant createdAt) {
        this.createdAt = createdAt;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
