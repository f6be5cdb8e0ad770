package org.smtpeter.messages.control;

import java.security.SecureRandom;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Public message ids: 20 characters of a URL-safe alphabet, random, so they can be shown to
 * clients and used in URLs without revealing volumes or ordering.
 */
@ApplicationScoped
public class MessageIds {

    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZabcdefghjkmnpqrstvwxyz";
    private static final int LENGTH = 20;

    private final SecureRandom random = new SecureRandom();

    public String next() {
        StringBuilder id = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
