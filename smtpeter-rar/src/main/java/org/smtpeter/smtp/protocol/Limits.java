package org.smtpeter.smtp.protocol;

import java.time.Duration;

/**
 * The limits one SMTP session enforces. Every limit produces a clear reply when it is hit.
 *
 * @param maxCommandLine     octets in one command line, CRLF included (RFC 5321 asks for at least 512)
 * @param maxDataLine        octets in one line of message data, CRLF included
 * @param maxMessageSize     octets of message data after dot-unstuffing; advertised as SIZE
 * @param maxRecipients      RCPT TO accepted per transaction
 * @param maxErrors          error replies per session before 421 and close
 * @param idleTimeout        silence allowed while waiting for a command or for data, and the time
 *                           one write to the client may stay blocked
 * @param commandTimeout     time one command line may take to arrive completely
 * @param transactionTimeout time from MAIL FROM to the end of the message data
 * @param minDataRate        octets per second that message data must average, after a grace of
 *                           one idle timeout (as Postfix's {@code smtpd_min_data_rate})
 * @param maxSessionTime     lifetime of a session; past it the next command gets 421
 * @param stressIdleTimeout  what the idle and command timeouts shrink to while the listeners are
 *                           nearly full (Postfix's stress mode)
 * @param bareLineFeeds      whether line ends other than CRLF are normalised or refused
 */
public record Limits(int maxCommandLine, int maxDataLine, long maxMessageSize, int maxRecipients,
                     int maxErrors, Duration idleTimeout, Duration commandTimeout, Duration transactionTimeout,
                     long minDataRate, Duration maxSessionTime, Duration stressIdleTimeout,
                     BareLineFeeds bareLineFeeds) {

    public static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofMinutes(30);
    public static final long DEFAULT_MIN_DATA_RATE = 500;
    public static final Duration DEFAULT_MAX_SESSION_TIME = Duration.ofHours(1);
    public static final Duration DEFAULT_STRESS_IDLE_TIMEOUT = Duration.ofSeconds(10);

    /** The limits that existed before the time limits, with those at their defaults. */
    public Limits(int maxCommandLine, int maxDataLine, long maxMessageSize, int maxRecipients,
                  int maxErrors, Duration idleTimeout, Duration commandTimeout) {
        this(maxCommandLine, maxDataLine, maxMessageSize, maxRecipients, maxErrors, idleTimeout, commandTimeout,
                DEFAULT_TRANSACTION_TIMEOUT, DEFAULT_MIN_DATA_RATE, DEFAULT_MAX_SESSION_TIME,
                DEFAULT_STRESS_IDLE_TIMEOUT, BareLineFeeds.NORMALIZE);
    }

    public static Limits defaults() {
        return new Limits(2048, 65536, 35L * 1024 * 1024, 100, 10,
                Duration.ofMinutes(5), Duration.ofMinutes(2));
    }

    /** The idle timeout in effect: shorter while the listeners are under stress. */
    public Duration idleTimeout(boolean stressed) {
        return stressed ? min(idleTimeout, stressIdleTimeout) : idleTimeout;
    }

    /** The command timeout in effect: shorter while the listeners are under stress. */
    public Duration commandTimeout(boolean stressed) {
        return stressed ? min(commandTimeout, stressIdleTimeout) : commandTimeout;
    }

    public Limits withMaxMessageSize(long size) {
        return new Limits(maxCommandLine, maxDataLine, size, maxRecipients, maxErrors, idleTimeout, commandTimeout,
                transactionTimeout, minDataRate, maxSessionTime, stressIdleTimeout, bareLineFeeds);
    }

    public Limits withMaxRecipients(int recipients) {
        return new Limits(maxCommandLine, maxDataLine, maxMessageSize, recipients, maxErrors, idleTimeout, commandTimeout,
                transactionTimeout, minDataRate, maxSessionTime, stressIdleTimeout, bareLineFeeds);
    }

    public Limits withMaxErrors(int errors) {
        return new Limits(maxCommandLine, maxDataLine, maxMessageSize, maxRecipients, errors, idleTimeout, commandTimeout,
                transactionTimeout, minDataRate, maxSessionTime, stressIdleTimeout, bareLineFeeds);
    }

    /** The same limits with other time limits. */
    public Limits withTimeLimits(Duration idle, Duration transaction, long dataRate, Duration session, Duration stressIdle) {
        return new Limits(maxCommandLine, maxDataLine, maxMessageSize, maxRecipients, maxErrors, idle, commandTimeout,
                transaction, dataRate, session, stressIdle, bareLineFeeds);
    }

    public Limits withBareLineFeeds(BareLineFeeds policy) {
        return new Limits(maxCommandLine, maxDataLine, maxMessageSize, maxRecipients, maxErrors, idleTimeout, commandTimeout,
                transactionTimeout, minDataRate, maxSessionTime, stressIdleTimeout, policy);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
