package org.smtpeter.smtp.protocol;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Reads message data after {@code 354} up to the end-of-data marker, undoing dot-stuffing and
 * storing every line with CRLF, in one pass straight from the input buffer into the sink.
 *
 * <p>Only {@code <CRLF>.<CRLF>} ends the data: a lone dot on a line that ends in, or follows, a
 * bare LF stays in the message as a line holding a dot, so the smuggling variants
 * ({@code <LF>.<LF>}, {@code <LF>.<CRLF>}, {@code <CRLF>.<LF>}, {@code <CR>.<CR>}) never end it
 * and can never reach a later hop as an end of data. Line ends are handled as Postfix 3.9 does
 * ({@link BareLineFeeds}): a bare LF ends a line and is stored as CRLF, so a dot after it is
 * unstuffed as at the start of any line; a CR that no LF follows is not a line end and is stored
 * as a space; with {@link BareLineFeeds#REJECT} either refuses the message instead.
 *
 * <p>A refused message (too big, a line too long, a bare line end) is read on to its end, so the
 * client sees the reply rather than a reset and the session stays in step, but for at most one
 * more size limit of octets: past that the reader gives up ({@link #reachedEnd()} is false).
 */
public final class DataReader {

    public enum Outcome { COMPLETE, TOO_BIG, LINE_TOO_LONG, BARE_LINE_END, DISCONNECTED }

    private static final byte[] SPACE = {' '};
    private static final byte[] DOT = {'.'};
    private static final byte[] CRLF = {'\r', '\n'};

    private final SmtpInput input;
    private final long maxSize;
    private final int maxLine;
    private final boolean normalize;
    private final byte[] octet = new byte[1];

    private OutputStream sink;
    private long size;
    private long lineLength;
    private boolean lineStart = true;
    private boolean previousLineEndedInCrlf = true;
    private boolean loneDot;
    private Outcome problem;
    private long giveUpAt = Long.MAX_VALUE;
    private boolean reachedEnd;

    public DataReader(SmtpInput input, long maxSize, int maxLine, BareLineFeeds bareLineFeeds) {
        this.input = input;
        this.maxSize = maxSize;
        this.maxLine = maxLine;
        this.normalize = bareLineFeeds == BareLineFeeds.NORMALIZE;
    }

    /** With the default, {@link BareLineFeeds#NORMALIZE}. */
    public DataReader(SmtpInput input, long maxSize, int maxLine) {
        this(input, maxSize, maxLine, BareLineFeeds.NORMALIZE);
    }

    /** Copies the unstuffed data into {@code sink}; the sink stops receiving once the message is refused. */
    public Outcome copyTo(OutputStream sink) throws IOException {
        this.sink = sink;
        boolean pendingCr = false;
        while (size <= giveUpAt) {
            int b = input.read();
            if (b < 0) {
                return Outcome.DISCONNECTED;
            }
            if (pendingCr) {
                pendingCr = false;
                if (b == '\n') {
                    if (endLine(true)) {
                        reachedEnd = true;
                        return problem == null ? Outcome.COMPLETE : problem;
                    }
                    continue;
                }
                strayCarriageReturn();
            }
            if (b == '\r') {
                pendingCr = true;
            } else if (b == '\n') {
                refuseUnlessNormalizing();
                endLine(false);
            } else if (lineStart && b == '.') {
                lineStart = false;
                loneDot = true; // a stuffed dot, unless the line ends right here
            } else {
                octet[0] = (byte) b;
                ordinary(octet, 0, 1);
                input.readRun(this::ordinary);
            }
        }
        return problem;
    }

    /** Whether the data ended with {@code <CRLF>.<CRLF>} (false when the reader gave up or the client left). */
    public boolean reachedEnd() {
        return reachedEnd;
    }

    /** @return whether this line was the end of data */
    private boolean endLine(boolean crlf) throws IOException {
        if (loneDot) {
            if (crlf && previousLineEndedInCrlf) {
                return true;
            }
            loneDot = false;
            store(DOT, 0, 1); // not an end of data: the dot is the line's content, as sent
        }
        size += 2;
        lineLength = 0;
        if (problem == null && size > maxSize) {
            refuse(Outcome.TOO_BIG);
        }
        if (problem == null) {
            sink.write(CRLF);
        }
        lineStart = true;
        previousLineEndedInCrlf = crlf;
        return false;
    }

    private void strayCarriageReturn() throws IOException {
        refuseUnlessNormalizing();
        ordinary(SPACE, 0, 1);
    }

    private void refuseUnlessNormalizing() {
        if (!normalize && problem == null) {
            refuse(Outcome.BARE_LINE_END);
        }
    }

    /** Octets inside a line, none of them CR or LF. */
    private void ordinary(byte[] bytes, int offset, int length) throws IOException {
        lineStart = false;
        loneDot = false; // the dot at the start of this line was a stuffed one: dropped
        store(bytes, offset, length);
    }

    private void store(byte[] bytes, int offset, int length) throws IOException {
        long roomForSize = maxSize - size;
        long roomForLine = maxLine - 2L - lineLength;
        size += length;
        lineLength += length;
        if (problem != null) {
            return;
        }
        long room = Math.min(roomForSize, roomForLine);
        if (length <= room) {
            sink.write(bytes, offset, length);
            return;
        }
        if (room > 0) {
            sink.write(bytes, offset, (int) room);
        }
        refuse(roomForSize <= roomForLine ? Outcome.TOO_BIG : Outcome.LINE_TOO_LONG);
    }

    private void refuse(Outcome outcome) {
        problem = outcome;
        giveUpAt = size > Long.MAX_VALUE - maxSize ? Long.MAX_VALUE : size + maxSize;
    }
}
