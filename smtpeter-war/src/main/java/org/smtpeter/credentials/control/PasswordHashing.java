package org.smtpeter.credentials.control;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Hashes and checks SMTP passwords with Jakarta Security's PBKDF2 (HMAC-SHA512, 32-byte salt,
 * 210,000 iterations by default as OWASP recommends). The iteration count is stored in each
 * hash, so raising it later only affects new credentials.
 */
@ApplicationScoped
public class PasswordHashing {

    @Inject
    Pbkdf2PasswordHash pbkdf2;

    @Inject
    @ConfigProperty(name = "smtpeter.credentials.pbkdf2-iterations", defaultValue = "210000")
    int iterations;

    /** A hash nobody knows the password of, checked for unknown users so they cost the same time. */
    private String decoyHash;

    @PostConstruct
    void configure() {
        pbkdf2.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA512",
                "Pbkdf2PasswordHash.Iterations", String.valueOf(iterations),
                "Pbkdf2PasswordHash.SaltSizeBytes", "32",
                "Pbkdf2PasswordHash.KeySizeBytes", "32"));
        char[] random = new char[32];
        SecureRandom secureRandom = new SecureRandom();
        for (int i = 0; i < random.length; i++) {
            random[i] = (char) ('!' + secureRandom.nextInt(90));
        }
        decoyHash = pbkdf2.generate(random);
        Arrays.fill(random, '\0');
    }

    public String hash(char[] password) {
        return pbkdf2.generate(password);
    }

    /** Constant-time comparison (Soteria compares the derived keys byte by byte, fully). */
    public boolean verify(char[] password, String hash) {
        return pbkdf2.verify(password, hash);
    }

    /** Spends the time of a real check and fails; for unknown or disabled users. */
    public boolean verifyDecoy(char[] password) {
        pbkdf2.verify(password, decoyHash);
        return false;
    }
}
