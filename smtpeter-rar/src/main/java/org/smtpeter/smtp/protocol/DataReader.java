package org.smtpeter.smtp.protocol;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Reads message data after {@code 354} up to the end-of-data marker, undoing dot-stuffing.
 *
 * <p>Only {@code <CRLF>.<CRLF>} ends the data. A bare LF or a bare CR anywhere is an SMTP
 * smuggling hazard (a later hop might read it as a line end and see a second message), so
 * the reader stops at once and reports it; the session then rejects the message and closes
 * the connection, because the client's idea of where the data ends cannot be trusted.
 * Oversized messages and overlong lines are read to their end, so the session stays in step
 * with the client, and then rejected.
 */
public final class DataReader {

    public enum Outcome { COMPLETE, TOO_BIG, LINE_TOO_LONG, BARE_LINE_END, DISCONNECTED }

    private final SmtpInput input;
    private final long maxSize;
    private final int maxLine;

    public DataReader(SmtpInput input, long maxSize, int maxLine) {
        this.input = input;
        this.maxSize = maxSize;
        this.maxLine = maxLine;
    }

    /** Copies the unstuffed data into {@code sink}; the sink stops receiving once a limit is hit. */
    public Outcome copyTo(OutputStream sink) throws IOException {
        long size = 0;
        int lineLength = 0;
        boolean atLineStart = true;
        Outcome problem = null;
        while (true) {
            int b = input.read();
            if (b < 0) {
                return Outcome.DISCONNECTED;
            }
            if (atLineStart && b == '.') {
                int next = input.read();
                if (next < 0) {
                    return Outcome.DISCONNECTED;
                }
                if (next == '\r') {
                    int lf = input.read();
                    if (lf == '\n') {
                        return problem == null ? Outcome.COMPLETE : problem;
                    }
                    return lf < 0 ? Outcome.DISCONNECTED : Outcome.BARE_LINE_END;
                }
                b = next; // the stuffed dot is dropped; the octet after it is ordinary data
            }
            atLineStart = false;
            if (b == '\n') {
                return Outcome.BARE_LINE_END;
            }
            if (b == '\r') {
                int lf = input.read();
                if (lf < 0) {
                    return Outcome.DISCONNECTED;
                }
                if (lf != '\n') {
                    return Outcome.BARE_LINE_END;
                }
                size += 2;
                if (problem == null && size > maxSize) {
                    problem = Outcome.TOO_BIG;
                }
                if (problem == null) {
                    sink.write('\r');
                    sink.write('\n');
                }
                atLineStart = true;
                lineLength = 0;
                continue;
            }
            size++;
            lineLength++;
            if (problem == null && size > maxSize) {
                problem = Outcome.TOO_BIG;
            } else if (problem == null && lineLength + 2 > maxLine) {
                problem = Outcome.LINE_TOO_LONG;
            }
            if (problem == null) {
                sink.write(b);
            }
        }
    }
}
