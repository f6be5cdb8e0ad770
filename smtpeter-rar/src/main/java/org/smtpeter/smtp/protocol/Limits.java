package org.smtpeter.smtp.protocol;

import java.time.Duration;

/**
 * The limits one SMTP session enforces. Every limit produces a clear reply when it is hit.
 *
 * @param maxCommandLine    octets in one command line, CRLF included (RFC 5321 asks for at least 512)
 * @param maxDataLine       octets in one line of message data, CRLF included
 * @param maxMessageSize    octets of message data after dot-unstuffing; advertised as SIZE
 * @param maxRecipients     RCPT TO accepted per transaction
 * @param maxErrors         error replies per session before 421 and close
 * @param idleTimeout       silence allowed while waiting for a command or for data
 * @param commandTimeout    time one command line may take to arrive completely
 */
public record Limits(int maxCommandLine, int maxDataLine, long maxMessageSize, int maxRecipients,
                     int maxErrors, Duration idleTimeout, Duration commandTimeout) {

    public static Limits defaults() {
        return new Limits(2048, 65536, 35L * 1024 * 1024, 100, 10,
                Duration.ofMinutes(5), Duration.ofMinutes(2));
    }

    public Limits withMaxMessageSize(long size) {
        return new Limits(maxCommandLine, maxDataLine, size, maxRecipients, maxErrors, idleTimeout, commandTimeout);
    }

    public Limits withMaxRecipients(int recipients) {
        return new Limits(maxCommandLine, maxDataLine, maxMessageSize, recipients, maxErrors, idleTimeout, commandTimeout);
    }

    public Limits withMaxErrors(int errors) {
        return new Limits(maxCommandLine, maxDataLine, maxMessageSize, maxRecipients, errors, idleTimeout, commandTimeout);
    }
}
