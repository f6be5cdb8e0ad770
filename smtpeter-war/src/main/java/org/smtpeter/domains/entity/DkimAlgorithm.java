package org.smtpeter.domains.entity;

/**
 * The two DKIM signing algorithms the relay makes keys for: RSA (RFC 6376, understood by every
 * verifier) and Ed25519 (RFC 8463, short keys, not yet checked by every receiver, so only ever
 * beside an RSA signature when both keys exist).
 */
public enum DkimAlgorithm {

    RSA("rsa-sha256", "rsa", "RSA", "SHA256withRSA"),
    ED25519("ed25519-sha256", "ed25519", "Ed25519", "Ed25519");

    private final String tag;
    private final String keyType;
    private final String jcaKeyAlgorithm;
    private final String jcaSignature;

    DkimAlgorithm(String tag, String keyType, String jcaKeyAlgorithm, String jcaSignature) {
        this.tag = tag;
        this.keyType = keyType;
        this.jcaKeyAlgorithm = jcaKeyAlgorithm;
        this.jcaSignature = jcaSignature;
    }

    /** The {@code a=} tag of a signature. */
    public String tag() {
        return tag;
    }

    /** The {@code k=} tag of the DNS key record, and the name in the API. */
    public String keyType() {
        return keyType;
    }

    public String jcaKeyAlgorithm() {
        return jcaKeyAlgorithm;
    }

    public String jcaSignature() {
        return jcaSignature;
    }

    /** By its name in the API ({@code rsa}, {@code ed25519}); empty for anything else. */
    public static java.util.Optional<DkimAlgorithm> byKeyType(String name) {
        for (DkimAlgorithm algorithm : values()) {
            if (algorithm.keyType.equalsIgnoreCase(name == null ? "" : name.strip())) {
                return java.util.Optional.of(algorithm);
            }
        }
        return java.util.Optional.empty();
    }
}
