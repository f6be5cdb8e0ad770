package org.smtpeter.credentials.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** The credential version a session carries from AUTH to each MAIL. */
class CredentialCheckTest {

    /** Stored hashes of one password before and after a rotation: the salt differs. */
    private static final String BEFORE = "PBKDF2WithHmacSHA512:2048:c2FsdC1vbmU=:aGFzaC1vZi10aGUtcGFzc3dvcmQ=";
    private static final String AFTER = "PBKDF2WithHmacSHA512:2048:c2FsdC10d28=:YW5vdGhlci1oYXNoLW9mLWl0";

    @Test
    void theVersionStaysWhileTheStoredHashStays() {
        assertEquals(CredentialCheck.version(BEFORE), CredentialCheck.version(new String(BEFORE)));
    }

    @Test
    void aRotationGivesANewVersion() {
        assertNotEquals(CredentialCheck.version(BEFORE), CredentialCheck.version(AFTER));
    }

    @Test
    void theVersionIsADigestNotAPartOfTheHash() {
        String version = CredentialCheck.version(BEFORE);
        assertEquals(22, version.length());
        assertFalse(BEFORE.contains(version));
    }
}
