package org.smtpeter.features.control;

import java.io.InputStream;

import jakarta.mail.util.SharedByteArrayInputStream;

/**
 * A shared view of the raw message that knows where it lies in the whole. Jakarta Mail parses
 * parts from such views without copying their bytes, and the offsets let the walker replace just
 * the content of a rewritten part and copy everything else untouched.
 */
final class LocatedBytes extends SharedByteArrayInputStream {

    LocatedBytes(byte[] message) {
        super(message);
    }

    private LocatedBytes(byte[] message, int offset, int length) {
        super(message, offset, length);
    }

    /** Offset of this view's first byte in the whole message. */
    int start() {
        return start;
    }

    /** Offset just past this view's last byte. */
    int end() {
        return count;
    }

    byte[] message() {
        return buf;
    }

    /** Same contract as the superclass, but the views it hands out are located too. */
    @Override
    public InputStream newStream(long start, long end) {
        if (start < 0) {
            throw new IllegalArgumentException("start < 0");
        }
        long stop = end == -1 ? count - this.start : end;
        return new LocatedBytes(buf, this.start + (int) start, (int) (stop - start));
    }
}
