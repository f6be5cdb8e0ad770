package org.smtpeter.rest.control;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.inject.Inject;

import org.smtpeter.rest.entity.AdminTokenHash;

/** Reads and writes the stored hash of the generated admin token, each call in a transaction of its own. */
@Stateless
public class AdminTokenStore {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    public Optional<AdminTokenHash> stored() {
        return Optional.ofNullable(em.find(AdminTokenHash.class, AdminTokenHash.ONLY));
    }

    /** Stores the first hash; fails (at commit) when another instance stored one first. */
    public void storeFirst(String hash) {
        em.persist(new AdminTokenHash(hash, Instant.now(clock)));
        em.flush();
    }

    /** Replaces the stored hash, or stores the first one. */
    public void replace(String hash) {
        AdminTokenHash stored = em.find(AdminTokenHash.class, AdminTokenHash.ONLY);
        if (stored == null) {
            storeFirst(hash);
        } else {
            stored.replace(hash, Instant.now(clock));
        }
    }
}
