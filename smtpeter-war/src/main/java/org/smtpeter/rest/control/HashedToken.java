package org.smtpeter.rest.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * Checks a presented token against a stored PBKDF2 hash without paying the hash on every API
 * request: after one full check, the SHA-256 of the token that passed is kept in memory and later
 * requests with it compare against that. Only tokens of the generated form ({@link #PREFIX}) are
 * hashed at all, so account tokens and junk never cost a PBKDF2, and full checks run one at a
 * time, so a flood of guesses keeps at most one core busy.
 */
public final class HashedToken implements Predicate<String> {

    /** Generated admin tokens start with this; it tells them from account tokens ({@code smtpeter_}). */
    public static final String PREFIX = "smtpeter-admin_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long LONGEST_WAIT_SECONDS = 30;

    private final String storedHash;
    private final BiPredicate<char[], String> verifier;
    private final Semaphore oneCheckAtATime = new Semaphore(1, true);
    private volatile byte[] verified;

    /**
     * @param storedHash the PBKDF2 hash of the token
     * @param verifier   the full check of a candidate against the stored hash
     */
    public HashedToken(String storedHash, BiPredicate<char[], String> verifier) {
        this.storedHash = storedHash;
        this.verifier = verifier;
    }

    /** A new token: the prefix and 32 random bytes (256 bits), URL-safe. */
    public static String generate() {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    @Override
    public boolean test(String candidate) {
        if (candidate == null || !candidate.startsWith(PREFIX)) {
            return false;
        }
        byte[] digest = sha256(candidate);
        byte[] known = verified;
        if (known != null && MessageDigest.isEqual(known, digest)) {
            return true;
        }
        try {
            if (!oneCheckAtATime.tryAcquire(LONGEST_WAIT_SECONDS, TimeUnit.SECONDS)) {
                return false;
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
        try {
            if (verifier.test(candidate.toCharArray(), storedHash)) {
                verified = digest;
                return true;
            }
            return false;
        } finally {
            oneCheckAtATime.release();
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
