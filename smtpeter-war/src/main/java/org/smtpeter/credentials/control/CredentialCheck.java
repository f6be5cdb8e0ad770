package org.smtpeter.credentials.control;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.smtpeter.credentials.entity.SmtpCredential;

/**
 * Checks an SMTP login: one query by user name, then a PBKDF2 comparison. Unknown and
 * disabled users take the same time as a wrong password, so timing tells an attacker nothing.
 */
@ApplicationScoped
public class CredentialCheck {

    @PersistenceContext
    EntityManager em;

    @Inject
    PasswordHashing hashing;

    /** @return the credential's user name when the password matches an enabled credential */
    public Optional<String> authenticate(String username, char[] password) {
        List<SmtpCredential> found = em.createNamedQuery(SmtpCredential.BY_USERNAME, SmtpCredential.class)
                .setParameter("username", username)
                .getResultList();
        if (found.isEmpty()) {
            return decoy(password);
        }
        SmtpCredential credential = found.get(0);
        boolean matches = hashing.verify(password, credential.getPasswordHash());
        return matches && credential.isEnabled() ? Optional.of(credential.getUsername()) : Optional.empty();
    }

    private Optional<String> decoy(char[] password) {
        hashing.verifyDecoy(password);
        return Optional.empty();
    }
}
