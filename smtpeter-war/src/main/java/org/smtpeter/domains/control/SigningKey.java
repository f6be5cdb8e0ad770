package org.smtpeter.domains.control;

import java.security.PrivateKey;

import org.smtpeter.domains.entity.DkimAlgorithm;

/**
 * A private key ready to sign for {@code domain} (the {@code d=} tag) under {@code selector}.
 * Its {@code toString} never shows the key.
 */
public record SigningKey(String domain, String selector, DkimAlgorithm algorithm, PrivateKey key) {

    @Override
    public String toString() {
        return "SigningKey[" + algorithm.keyType() + " " + selector + "._domainkey." + domain + "]";
    }
}
