package org.smtpeter.credentials.control;

import java.security.SecureRandom;

/** Generates SMTP user names and passwords, as SMTPeter's dashboard does. */
final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String LOWER = "abcdefghijkmnpqrstuvwxyz23456789";
    private static final String PASSWORD = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final int PASSWORD_LENGTH = 24; // about 140 bits

    private Secrets() {
    }

    static String username() {
        return "smtp-" + random(LOWER, 12);
    }

    static char[] password() {
        char[] password = new char[PASSWORD_LENGTH];
        for (int i = 0; i < password.length; i++) {
            password[i] = PASSWORD.charAt(RANDOM.nextInt(PASSWORD.length()));
        }
        return password;
    }

    static String random(String alphabet, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
