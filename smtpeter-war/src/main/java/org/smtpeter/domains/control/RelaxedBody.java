package org.smtpeter.domains.control;

import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The "relaxed" body canonicalization of RFC 6376 3.4.4, hashed as the bytes stream through:
 * runs of spaces and tabs become one space, whitespace at line ends goes, empty lines at the end
 * go, and a last line without CRLF gets one. Only CRLF ends a line (the relay sends CRLF); a bare
 * CR or LF is content. Nothing is buffered but the count of pending empty lines, so a large
 * message is hashed in one pass without being held.
 */
final class RelaxedBody extends OutputStream {

    private static final byte[] CRLF = {'\r', '\n'};

    private final MessageDigest digest;
    private boolean pendingCr;
    private boolean pendingSpace;
    private long pendingLineEnds;
    private boolean anyContent;
    private final byte[] run = new byte[8192];
    private int runLength;

    RelaxedBody() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public void write(int b) {
        byte octet = (byte) b;
        if (pendingCr) {
            pendingCr = false;
            if (octet == '\n') {
                lineEnd();
                return;
            }
            content((byte) '\r');
        }
        if (octet == '\r') {
            pendingCr = true;
        } else if (octet == ' ' || octet == '\t') {
            pendingSpace = true;
        } else {
            content(octet);
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            write(bytes[i]);
        }
    }

    /** The SHA-256 of the canonical body, once all of it was written; the stream is done then. */
    byte[] hash() {
        if (pendingCr) {
            pendingCr = false;
            content((byte) '\r');
        }
        if (anyContent) {
            flushRun();
            digest.update(CRLF);
        }
        return digest.digest();
    }

    private void content(byte octet) {
        if (pendingLineEnds > 0) {
            flushRun();
            for (long i = 0; i < pendingLineEnds; i++) {
                digest.update(CRLF);
            }
            pendingLineEnds = 0;
        }
        if (pendingSpace) {
            append((byte) ' ');
            pendingSpace = false;
        }
        append(octet);
        anyContent = true;
    }

    private void lineEnd() {
        pendingSpace = false; // whitespace at the end of a line is dropped
        pendingLineEnds++;
    }

    private void append(byte octet) {
        if (runLength == run.length) {
            flushRun();
        }
        run[runLength++] = octet;
    }

    private void flushRun() {
        digest.update(run, 0, runLength);
        runLength = 0;
    }
}
