package org.smtpeter.credentials.control;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.smtpeter.credentials.entity.SmtpCredential;

/**
 * Checks an SMTP login: one query by user name, then a PBKDF2 comparison, unless this very
 * password passed it against this very stored hash before ({@link VerifiedPasswords}). Unknown
 * users and wrong passwords always pay the full hash, so timing tells an attacker nothing new.
 */
@ApplicationScoped
public class CredentialCheck {

    @PersistenceContext
    EntityManager em;

    @Inject
    PasswordHashing hashing;

    @Inject
    VerifiedPasswords verified;

    /** @return the credential's user name when the password matches an enabled credential */
    public Optional<String> authenticate(String username, char[] password) {
        List<SmtpCredential> found = em.createNamedQuery(SmtpCredential.BY_USERNAME, SmtpCredential.class)
                .setParameter("username", username)
                .getResultList();
        if (found.isEmpty()) {
            return decoy(password);
        }
        SmtpCredential credential = found.get(0);
        boolean matches = matches(credential, password);
        return matches && credential.isEnabled() ? Optional.of(credential.getUsername()) : Optional.empty();
    }

    private boolean matches(SmtpCredential credential, char[] password) {
        String storedHash = credential.getPasswordHash();
        if (verified.isVerified(credential.getUsername(), storedHash, password)) {
            return true;
        }
        boolean matches = hashing.verify(password, storedHash);
        if (matches) {
            verified.remember(credential.getUsername(), storedHash, password);
        }
        return matches;
    }

    private Optional<String> decoy(char[] password) {
        hashing.verifyDecoy(password);
        return Optional.empty();
    }
}
