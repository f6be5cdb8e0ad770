package org.smtpeter.users.control;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.OptionalLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords as authenticator apps make them (RFC 6238 with its defaults:
 * HMAC-SHA1, 30-second steps from the Unix epoch, six digits). A code of the step before or after
 * the current one is accepted too, for clocks a little apart.
 */
public final class Totp {

    static final int STEP_SECONDS = 30;
    static final int DIGITS = 6;
    private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private Totp() {
    }

    public static long step(Instant now) {
        return Math.floorDiv(now.getEpochSecond(), STEP_SECONDS);
    }

    /** The code for one time step (RFC 4226's dynamic truncation of HMAC-SHA1 over the step). */
    public static String code(byte[] secret, long step) {
        return code(secret, step, "HmacSHA1", DIGITS);
    }

    static String code(byte[] secret, long step, String algorithm, int digits) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret, algorithm));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            String code = Integer.toString(binary % POWERS[digits]);
            return "0".repeat(digits - code.length()) + code;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }

    /** The step whose code {@code typed} is, within one step of {@code now}; empty when it is none of them. */
    public static OptionalLong matchingStep(byte[] secret, String typed, Instant now) {
        String code = typed == null ? "" : typed.replace(" ", "").strip();
        if (code.length() != DIGITS || !code.chars().allMatch(Character::isDigit)) {
            return OptionalLong.empty();
        }
        long current = step(now);
        for (long step = current - 1; step <= current + 1; step++) {
            if (java.security.MessageDigest.isEqual(code(secret, step).getBytes(), code.getBytes())) {
                return OptionalLong.of(step);
            }
        }
        return OptionalLong.empty();
    }
}
