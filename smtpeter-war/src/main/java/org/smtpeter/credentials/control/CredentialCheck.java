package org.smtpeter.credentials.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
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
 *
 * <p>A login carries the credential's version: a digest of the stored hash, which every rotation
 * renews (new salt). {@link #isCurrent} reads the row again, so a session that logged in before
 * a disable, rotation or deletion on any instance sharing the database stops at its next MAIL.
 */
@ApplicationScoped
public class CredentialCheck {

    @PersistenceContext
    EntityManager em;

    @Inject
    PasswordHashing hashing;

    @Inject
    VerifiedPasswords verified;

    /** A password that matched an enabled credential, and which version of it. */
    public record Verified(String username, String version) {
    }

    /** @return the credential's user name and version when the password matches an enabled credential */
    public Optional<Verified> authenticate(String username, char[] password) {
        List<SmtpCredential> found = em.createNamedQuery(SmtpCredential.BY_USERNAME, SmtpCredential.class)
                .setParameter("username", username)
                .getResultList();
        if (found.isEmpty()) {
            return decoy(password);
        }
        SmtpCredential credential = found.get(0);
        boolean matches = matches(credential, password);
        return matches && credential.isEnabled()
                ? Optional.of(new Verified(credential.getUsername(), version(credential.getPasswordHash())))
                : Optional.empty();
    }

    /** Whether the credential still exists, is enabled and has the password it had at the login: one lookup by the unique user name. */
    public boolean isCurrent(String username, String version) {
        List<String> hashes = em.createQuery(
                        "SELECT c.passwordHash FROM SmtpCredential c WHERE c.username = :username AND c.enabled = TRUE",
                        String.class)
                .setParameter("username", username)
                .getResultList();
        return !hashes.isEmpty() && MessageDigest.isEqual(
                version(hashes.get(0)).getBytes(StandardCharsets.US_ASCII), version.getBytes(StandardCharsets.US_ASCII));
    }

    /** A digest, so that the hash itself (salt and all) never travels with the session. */
    static String version(String storedHash) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(storedHash.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", missing);
        }
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

    private Optional<Verified> decoy(char[] password) {
        hashing.verifyDecoy(password);
        return Optional.empty();
    }
}
