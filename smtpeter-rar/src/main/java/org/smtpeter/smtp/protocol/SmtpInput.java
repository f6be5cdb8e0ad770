package org.smtpeter.smtp.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Buffered reading of the client's bytes: command lines and raw data octets. Knows whether
 * input is already waiting (to flush pipelined replies at the right moment, and to discard
 * plaintext pipelined behind STARTTLS) and bounds how long a single command line may take.
 */
public final class SmtpInput {

    /** How a command line ended. */
    public enum Ending { CRLF, BARE_LF, TOO_LONG }

    public record Line(String text, Ending ending) {
    }

    private final InputStream in;
    private final byte[] buffer = new byte[16 * 1024];
    private final long commandTimeoutNanos;
    private int position;
    private int limit;
    private long lineStartedAt;

    public SmtpInput(InputStream in, Duration commandTimeout) {
        this.in = in;
        this.commandTimeoutNanos = commandTimeout.toNanos();
    }

    /** Whether the client has sent bytes that are not consumed yet. */
    public boolean hasBufferedInput() {
        return position < limit;
    }

    /** Drops everything buffered; used after STARTTLS (RFC 3207: pre-TLS input must not survive). */
    public int discardBuffered() {
        int dropped = limit - position;
        position = limit;
        return dropped;
    }

    /** Next octet, or -1 at end of stream. */
    public int read() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position++] & 0xff;
    }

    /**
     * Reads one command line of at most {@code maxLength} octets including CRLF.
     * A longer line is consumed to its end and reported as {@link Ending#TOO_LONG}.
     *
     * @return the line without its ending, or null at end of stream
     */
    public Line readLine(int maxLength) throws IOException {
        lineStartedAt = System.nanoTime();
        try {
            return readLineWithin(maxLength);
        } finally {
            lineStartedAt = 0;
        }
    }

    private Line readLineWithin(int maxLength) throws IOException {
        byte[] line = new byte[Math.min(maxLength, 1024)];
        int length = 0;
        boolean tooLong = false;
        int previous = -1;
        while (true) {
            int b = read();
            if (b < 0) {
                return null;
            }
            if (b == '\n') {
                if (tooLong) {
                    return new Line("", Ending.TOO_LONG);
                }
                boolean crlf = previous == '\r';
                int end = crlf ? length - 1 : length;
                String text = new String(line, 0, end, StandardCharsets.UTF_8);
                return new Line(text, crlf ? Ending.CRLF : Ending.BARE_LF);
            }
            previous = b;
            if (tooLong) {
                continue;
            }
            if (length + 1 >= maxLength) {
                tooLong = true;
                continue;
            }
            if (length == line.length) {
                line = java.util.Arrays.copyOf(line, Math.min(maxLength, line.length * 2));
            }
            line[length++] = (byte) b;
        }
    }

    private boolean fill() throws IOException {
        if (lineStartedAt != 0 && System.nanoTime() - lineStartedAt > commandTimeoutNanos) {
            throw new SocketTimeoutException("command line not completed in time");
        }
        int read = in.read(buffer, 0, buffer.length);
        if (read <= 0) {
            return false;
        }
        position = 0;
        limit = read;
        return true;
    }
}
