package org.smtpeter.credentials.control;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Remembers which passwords already passed the full PBKDF2 check, so that a client that logs in
 * again (every session of an application, every connection of a Postfix) does not pay 210,000
 * iterations each time.
 *
 * <p>What is kept per user name is the stored hash the password was checked against and an
 * HMAC-SHA256 of the password under a key that exists only in this process's memory; never the
 * password. The stored hash is the credential's version: a rotation writes a new one (new salt),
 * so the next login misses here and pays the full check; a disabled or deleted credential is
 * refused by the database read that precedes every check, on every instance sharing the
 * database. A wrong password never matches the remembered HMAC and pays the full hash too.
 */
@ApplicationScoped
public class VerifiedPasswords {

    /** Far more users than one relay serves; when exceeded the memory starts over, costing one PBKDF2 each. */
    static final int CAPACITY = 10_000;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final Map<String, Verified> byUsername = new ConcurrentHashMap<>();

    public VerifiedPasswords() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        key = new SecretKeySpec(random, ALGORITHM);
    }

    /** @return whether this password was verified against exactly this stored hash before */
    public boolean isVerified(String username, String storedHash, char[] password) {
        Verified verified = byUsername.get(username);
        if (verified == null || !verified.storedHash().equals(storedHash)) {
            return false;
        }
        return MessageDigest.isEqual(verified.mac(), mac(storedHash, password));
    }

    /** Call only after the full check succeeded. */
    public void remember(String username, String storedHash, char[] password) {
        if (byUsername.size() >= CAPACITY) {
            byUsername.clear();
        }
        byUsername.put(username, new Verified(storedHash, mac(storedHash, password)));
    }

    private byte[] mac(String storedHash, char[] password) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        try {
            Mac hmac = Mac.getInstance(ALGORITHM);
            hmac.init(key);
            hmac.update(storedHash.getBytes(StandardCharsets.US_ASCII));
            hmac.update((byte) 0);
            hmac.update(encoded);
            return hmac.doFinal();
        } catch (GeneralSecurityException missing) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", missing);
        } finally {
            Arrays.fill(encoded.array(), (byte) 0);
        }
    }

    private record Verified(String storedHash, byte[] mac) {
    }
}
