package org.smtpeter.messages.control;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import org.smtpeter.platform.control.TimeOrderedTokens;

/**
 * Public message ids: 20 characters of a URL-safe alphabet, so they can be shown to clients and
 * used in URLs. They tell when the message came (the first eight, {@link TimeOrderedTokens}, which
 * keeps the message table's and the attempts' indexes of them growing at their ends) but not how
 * many others did: the other twelve are random (69 bits).
 */
@ApplicationScoped
public class MessageIds {

    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZabcdefghjkmnpqrstvwxyz";
    /** The digits and lower-case letters of the alphabet, in the order every collation sorts them. */
    private static final String TIME_SYMBOLS = "0123456789abcdefghjkmnpqrstvwxyz";
    private static final int RANDOM_LENGTH = 12;

    private final TimeOrderedTokens tokens = new TimeOrderedTokens(TIME_SYMBOLS, ALPHABET, RANDOM_LENGTH, Clock.systemUTC());

    public String next() {
        return tokens.next();
    }
}
