package org.smtpeter.platform.control;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Unguessable tokens that begin with the time they were made, to the hundredth of a second, so
 * that the ones made later sort after the earlier ones. A database index of such keys grows at
 * its end: a commit changes the last few pages of it instead of one page per key scattered over
 * the whole index. H2 writes every changed page whole at each commit (with random message ids and
 * bounce tokens 318 KB per commit of 16 messages, 143 KB of it the messages, and 197 KB per commit
 * of delivery outcomes; with these 198 and 48 KB, BENCHMARKS.md, 2026-12-07 late), PostgreSQL
 * logs a page whole at its first change after a checkpoint. The price is that a token tells when
 * it was made; the random part after the time keeps it unguessable.
 *
 * <p>The time is written with eight digits of base 32 (40 bits of hundredths of a second, enough
 * until the year 2318) whose symbols ascend in every collation: digits, then lower-case letters.
 */
public final class TimeOrderedTokens {

    private static final int TIME_DIGITS = 8;
    private static final int BITS_PER_DIGIT = 5;
    private static final long HUNDREDTHS_LIMIT = 1L << (TIME_DIGITS * BITS_PER_DIGIT);

    private final String timeSymbols;
    private final String randomSymbols;
    private final int randomLength;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param timeSymbols   32 symbols for the time, in ascending order; digits before letters and
     *                      one case only, so that every collation sorts them the same way
     * @param randomSymbols the symbols of the random part
     * @param randomLength  how many random symbols follow the time
     */
    public TimeOrderedTokens(String timeSymbols, String randomSymbols, int randomLength, Clock clock) {
        if (timeSymbols.length() != 1 << BITS_PER_DIGIT) {
            throw new IllegalArgumentException("the time needs 32 symbols, not " + timeSymbols.length());
        }
        for (int i = 1; i < timeSymbols.length(); i++) {
            if (timeSymbols.charAt(i - 1) >= timeSymbols.charAt(i)) {
                throw new IllegalArgumentException("the time's symbols must ascend: " + timeSymbols);
            }
        }
        this.timeSymbols = timeSymbols;
        this.randomSymbols = randomSymbols;
        this.randomLength = randomLength;
        this.clock = clock;
    }

    /** The time's length plus the random part's. */
    public int length() {
        return TIME_DIGITS + randomLength;
    }

    public String next() {
        long hundredths = Math.floorMod(clock.millis() / 10, HUNDREDTHS_LIMIT);
        char[] token = new char[length()];
        for (int i = TIME_DIGITS - 1; i >= 0; i--) {
            token[i] = timeSymbols.charAt((int) (hundredths & ((1 << BITS_PER_DIGIT) - 1)));
            hundredths >>>= BITS_PER_DIGIT;
        }
        for (int i = TIME_DIGITS; i < token.length; i++) {
            token[i] = randomSymbols.charAt(random.nextInt(randomSymbols.length()));
        }
        return new String(token);
    }
}
