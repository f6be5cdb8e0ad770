package org.smtpeter.domains.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.logging.Logger;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Encrypts DKIM private keys for the database with AES-256-GCM under a key derived from
 * {@code smtpeter.domains.key-encryption-key}; each key's domain and selector are authenticated
 * with it, so a stored key cannot be moved to another row. Stored as {@code v1:} and base64 of
 * nonce and ciphertext. The same secret also encrypts the dashboard's TOTP secrets and, under a
 * key of its own, signs the links mailed to people ({@link #sign}).
 *
 * <p>Without the setting (the development run) the secret is a random one kept in
 * {@value #DEV_KEY_FILE} beside the development certificate, made on first use, so that keys
 * survive a restart without any configuration; production sets its own.
 */
@ApplicationScoped
public class KeyEncryption {

    private static final Logger LOG = Logger.getLogger(KeyEncryption.class.getName());

    static final String DEV_KEY_FILE = "smtpeter-data/domains/dev-key-encryption-key";
    static final int MIN_SECRET_BYTES = 16;
    private static final String VERSION = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    @Inject
    @ConfigProperty(name = "smtpeter.domains.key-encryption-key")
    Optional<String> configured;

    private final SecureRandom random = new SecureRandom();
    private SecretKeySpec key;

    /** For CDI. */
    public KeyEncryption() {
    }

    /** For tests: with this secret. */
    KeyEncryption(String secret) {
        key = derive(secret);
    }

    @PostConstruct
    void loadKey() {
        Optional<String> secret = configured == null ? Optional.empty() : configured.filter(s -> !s.isBlank());
        key = derive(secret.orElseGet(KeyEncryption::developmentSecret));
    }

    public String encrypt(byte[] privateKey, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = cipher(Cipher.ENCRYPT_MODE, nonce, context, privateKey);
        return VERSION + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                .put(nonce).put(sealed).array());
    }

    /** @throws IllegalStateException when the stored key was encrypted under another key or for another context */
    public byte[] decrypt(String stored, String context) {
        if (!stored.startsWith(VERSION)) {
            throw new IllegalStateException("unknown format of a stored private key");
        }
        byte[] all = Base64.getDecoder().decode(stored.substring(VERSION.length()));
        byte[] nonce = java.util.Arrays.copyOf(all, NONCE_BYTES);
        byte[] sealed = java.util.Arrays.copyOfRange(all, NONCE_BYTES, all.length);
        return cipher(Cipher.DECRYPT_MODE, nonce, context, sealed);
    }

    /**
     * An HMAC-SHA256 of {@code data} for {@code context} (e.g. a mailed link) under a key derived
     * from the same secret, kept apart from the encryption key: what the relay signs, only it can sign.
     */
    public byte[] sign(String context, byte[] data) {
        try {
            Mac signing = Mac.getInstance("HmacSHA256");
            signing.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            byte[] signingKey = signing.doFinal(("smtpeter signing key: " + context).getBytes(StandardCharsets.UTF_8));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    private byte[] cipher(int mode, byte[] nonce, String context, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot " + (mode == Cipher.ENCRYPT_MODE ? "encrypt" : "decrypt")
                    + " a DKIM private key: was smtpeter.domains.key-encryption-key changed?", e);
        }
    }

    /** 256 bits from the secret, whatever its length (HMAC-SHA256 as HKDF's extract step). */
    private static SecretKeySpec derive(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("smtpeter.domains.key-encryption-key must be at least "
                    + MIN_SECRET_BYTES + " bytes");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec("smtpeter dkim key encryption".getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            return new SecretKeySpec(mac.doFinal(bytes), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    private static String developmentSecret() {
        Path file = Path.of(DEV_KEY_FILE);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] secret = new byte[32];
                new SecureRandom().nextBytes(secret);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, HexFormat.of().formatHex(secret));
                } catch (FileAlreadyExistsException anotherInstanceWasFirst) {
                    // its secret is the one to use
                } catch (UnsupportedOperationException notPosix) {
                    Files.writeString(file, HexFormat.of().formatHex(secret));
                }
            }
            LOG.warning(() -> "No smtpeter.domains.key-encryption-key configured; DKIM private keys are encrypted"
                    + " with the development key in " + file.toAbsolutePath() + ". Set one in production.");
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the development key-encryption key in " + file.toAbsolutePath(), e);
        }
    }
}
