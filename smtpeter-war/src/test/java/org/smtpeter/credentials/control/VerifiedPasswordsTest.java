package org.smtpeter.credentials.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VerifiedPasswordsTest {

    private static final String HASH = "PBKDF2WithHmacSHA512:210000:c2FsdA==:a2V5";
    private static final String ROTATED = "PBKDF2WithHmacSHA512:210000:bmV3:b3RoZXI=";

    private final VerifiedPasswords verified = new VerifiedPasswords();

    @Test
    void nothingIsVerifiedBeforeAFullCheckSucceeded() {
        assertFalse(verified.isVerified("smtp-a", HASH, "secret".toCharArray()));
    }

    @Test
    void theSamePasswordAgainstTheSameStoredHashIsVerified() {
        verified.remember("smtp-a", HASH, "secret".toCharArray());

        assertTrue(verified.isVerified("smtp-a", HASH, "secret".toCharArray()));
    }

    @Test
    void aWrongPasswordIsNeverVerified() {
        verified.remember("smtp-a", HASH, "secret".toCharArray());

        assertFalse(verified.isVerified("smtp-a", HASH, "Secret".toCharArray()));
        assertFalse(verified.isVerified("smtp-a", HASH, "secret ".toCharArray()));
        assertFalse(verified.isVerified("smtp-a", HASH, new char[0]));
    }

    @Test
    void aNewStoredHashEndsWhatWasRemembered() {
        verified.remember("smtp-a", HASH, "secret".toCharArray());

        assertFalse(verified.isVerified("smtp-a", ROTATED, "secret".toCharArray()), "rotated: a new salt and hash");
    }

    @Test
    void usersAreRememberedApart() {
        verified.remember("smtp-a", HASH, "secret".toCharArray());

        assertFalse(verified.isVerified("smtp-b", HASH, "secret".toCharArray()));
    }

    @Test
    void beyondCapacityItStartsOverInsteadOfGrowing() {
        verified.remember("smtp-first", HASH, "secret".toCharArray());
        for (int i = 0; i < VerifiedPasswords.CAPACITY; i++) {
            verified.remember("smtp-" + i, HASH, "secret".toCharArray());
        }

        assertFalse(verified.isVerified("smtp-first", HASH, "secret".toCharArray()));
        assertTrue(verified.isVerified("smtp-" + (VerifiedPasswords.CAPACITY - 1), HASH, "secret".toCharArray()));
    }
}
