package org.smtpeter.domains.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.smtpeter.domains.entity.DkimAlgorithm;

class KeyEncryptionTest {

    private final KeyEncryption encryption = new KeyEncryption("a key-encryption key of the test");
    private final byte[] privateKey = KeyPairs.generate(DkimAlgorithm.ED25519).getPrivate().getEncoded();

    @Test
    void aKeyDecryptsToWhatWasEncryptedAndIsNotStoredInTheClear() {
        String stored = encryption.encrypt(privateKey, KeyContext.of("example.com", "s1"));

        assertArrayEquals(privateKey, encryption.decrypt(stored, KeyContext.of("example.com", "s1")));
        assertTrue(stored.startsWith("v1:"));
        assertFalse(new String(java.util.Base64.getDecoder().decode(stored.substring(3)), StandardCharsets.ISO_8859_1)
                .contains(new String(privateKey, StandardCharsets.ISO_8859_1)));
    }

    @Test
    void eachEncryptionHasItsOwnNonce() {
        assertNotEquals(encryption.encrypt(privateKey, "c"), encryption.encrypt(privateKey, "c"));
    }

    @Test
    void aKeyMovedToAnotherDomainOrSelectorDoesNotDecrypt() {
        String stored = encryption.encrypt(privateKey, KeyContext.of("example.com", "s1"));

        assertThrows(IllegalStateException.class, () -> encryption.decrypt(stored, KeyContext.of("example.org", "s1")));
        assertThrows(IllegalStateException.class, () -> encryption.decrypt(stored, KeyContext.of("example.com", "s2")));
    }

    @Test
    void anotherKeyEncryptionKeyCannotDecrypt() {
        String stored = encryption.encrypt(privateKey, "c");

        assertThrows(IllegalStateException.class, () -> new KeyEncryption("another key-encryption key!").decrypt(stored, "c"));
    }

    @Test
    void aShortSecretIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new KeyEncryption("short"));
    }
}
