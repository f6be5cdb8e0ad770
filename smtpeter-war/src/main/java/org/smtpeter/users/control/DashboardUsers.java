package org.smtpeter.users.control;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.smtpeter.credentials.control.PasswordHashing;
import org.smtpeter.users.entity.DashboardUser;

/**
 * Creates dashboard users and changes their passwords. Checking passwords is not done here:
 * Jakarta Security's database identity store does that at login, with the same PBKDF2 hashes.
 */
@Stateless
public class DashboardUsers {

    @PersistenceContext
    EntityManager em;

    // The SMTP credentials' hashing: PBKDF2-HMAC-SHA512, iterations from smtpeter.credentials.pbkdf2-iterations.
    @Inject
    PasswordHashing hashing;

    @Inject
    Clock clock;

    public boolean isEmpty() {
        return em.createQuery("SELECT COUNT(u) FROM DashboardUser u", Long.class).getSingleResult() == 0;
    }

    public Optional<DashboardUser> find(String username) {
        return em.createQuery("SELECT u FROM DashboardUser u WHERE u.username = :username", DashboardUser.class)
                .setParameter("username", username).getResultStream().findFirst();
    }

    public DashboardUser create(String username, char[] password, String role) {
        DashboardUser user = new DashboardUser(username, hashing.hash(password), role, Instant.now(clock));
        em.persist(user);
        return user;
    }

    /** @return false when the current password is wrong (nothing changes then) */
    public boolean changePassword(String username, char[] current, char[] replacement) {
        Optional<DashboardUser> user = find(username);
        if (user.isEmpty() || !hashing.verify(current, user.get().getPasswordHash())) {
            return false;
        }
        user.get().changePasswordHash(hashing.hash(replacement));
        return true;
    }
}
