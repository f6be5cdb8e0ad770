package org.smtpeter.domains.control;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

import org.smtpeter.domains.entity.DkimAlgorithm;

/** DKIM key pairs: making them, reading a stored private key, and the public key as DNS publishes it. */
public final class KeyPairs {

    /** RSA 2048: what receivers expect today; longer keys do not fit one TXT string anyway. */
    static final int RSA_BITS = 2048;
    /** An Ed25519 SubjectPublicKeyInfo is this prefix and the 32-byte key (RFC 8410). */
    private static final int ED25519_SPKI_PREFIX = 12;

    private KeyPairs() {
    }

    public static KeyPair generate(DkimAlgorithm algorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.jcaKeyAlgorithm());
            if (algorithm == DkimAlgorithm.RSA) {
                generator.initialize(RSA_BITS);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make " + algorithm + " keys", e);
        }
    }

    /** A private key from its PKCS#8 encoding. */
    public static PrivateKey privateKey(DkimAlgorithm algorithm, byte[] pkcs8) {
        try {
            return KeyFactory.getInstance(algorithm.jcaKeyAlgorithm()).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("not a " + algorithm + " private key", e);
        }
    }

    /**
     * The {@code p=} tag: for RSA the SubjectPublicKeyInfo (RFC 6376 3.6.1), for Ed25519 the bare
     * 32-byte key (RFC 8463 4.2), base64.
     */
    public static String publicKeyTag(DkimAlgorithm algorithm, PublicKey key) {
        byte[] encoded = key.getEncoded();
        byte[] published = algorithm == DkimAlgorithm.ED25519
                ? Arrays.copyOfRange(encoded, ED25519_SPKI_PREFIX, encoded.length) : encoded;
        return Base64.getEncoder().encodeToString(published);
    }

    /** The TXT record's text at {@code <selector>._domainkey.<domain>}. */
    public static String keyRecord(DkimAlgorithm algorithm, String publicKeyTag) {
        return "v=DKIM1; k=" + algorithm.keyType() + "; p=" + publicKeyTag;
    }
}
