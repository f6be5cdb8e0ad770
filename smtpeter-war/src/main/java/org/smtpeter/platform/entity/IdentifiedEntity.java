package org.smtpeter.platform.entity;

import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

/**
 * The id every entity of the relay has: column {@code id}, drawn from the one sequence the
 * schema defines ({@code seq_gen_sequence}, EclipseLink's default, so that the tables and the
 * sequence stay as the migrations made them).
 */
@MappedSuperclass
public abstract class IdentifiedEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE)
    private Long id;

    /** Null until the entity is persisted. */
    public Long getId() {
        return id;
    }
}
