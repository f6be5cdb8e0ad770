package org.smtpeter.smtp.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Buffered reading of the client's bytes: command lines and raw data octets. Knows whether
 * input is already waiting (to flush pipelined replies at the right moment, and to discard
 * plaintext pipelined behind STARTTLS) and keeps to the conversation's {@link Deadlines}: a read
 * timeout of the underlying stream is a tick at which they are checked again, not an error.
 */
public final class SmtpInput {

    /** How a command line ended. */
    public enum Ending { CRLF, BARE_LF, TOO_LONG }

    public record Line(String text, Ending ending) {
    }

    /** Takes octets straight out of the input buffer. */
    @FunctionalInterface
    public interface Run {
        void accept(byte[] octets, int offset, int length) throws IOException;
    }

    private final InputStream in;
    private final byte[] buffer = new byte[16 * 1024];
    private final Deadlines deadlines;
    private int position;
    private int limit;

    public SmtpInput(InputStream in, Deadlines deadlines) {
        this.in = in;
        this.deadlines = deadlines;
    }

    /** Bounded only by the time one command line may take. */
    public SmtpInput(InputStream in, Duration commandTimeout) {
        this(in, Deadlines.commandTimeoutOnly(commandTimeout));
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
     * Hands over the octets already buffered up to the next CR or LF in one piece, without
     * waiting for more; message data moves this way without being copied octet by octet.
     *
     * @return how many octets were handed over (0 when a CR or LF is next, or nothing is buffered)
     */
    public int readRun(Run run) throws IOException {
        int start = position;
        int end = start;
        while (end < limit && buffer[end] != '\r' && buffer[end] != '\n') {
            end++;
        }
        position = end;
        if (end > start) {
            run.accept(buffer, start, end - start);
        }
        return end - start;
    }

    /**
     * Reads one command line of at most {@code maxLength} octets including CRLF.
     * A longer line is consumed to its end and reported as {@link Ending#TOO_LONG}.
     *
     * @return the line without its ending, or null at end of stream
     */
    public Line readLine(int maxLength) throws IOException {
        deadlines.lineStarted();
        try {
            return readLineWithin(maxLength);
        } finally {
            deadlines.lineEnded();
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
        deadlines.waiting();
        int read;
        while (true) {
            deadlines.check();
            try {
                read = in.read(buffer, 0, buffer.length);
                break;
            } catch (SocketTimeoutException tick) {
                // the transport's read timeout is the tick at which the deadlines are checked again
            }
        }
        if (read <= 0) {
            return false;
        }
        deadlines.received(read);
        position = 0;
        limit = read;
        return true;
    }
}
