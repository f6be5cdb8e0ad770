package org.smtpeter.messages.control;

import java.io.InputStream;

import jakarta.mail.util.SharedByteArrayInputStream;

import org.smtpeter.messages.control.Located;

/**
 * A shared view of a message in memory that knows where it lies in the whole. Jakarta Mail parses
 * parts from such views without copying their bytes.
 */
public final class LocatedBytes extends SharedByteArrayInputStream implements Located {

    public LocatedBytes(byte[] message) {
        super(message);
    }

    private LocatedBytes(byte[] message, int offset, int length) {
        super(message, offset, length);
    }

    @Override
    public long start() {
        return start;
    }

    @Override
    public long end() {
        return count;
    }

    @Override
    public byte at(long offset) {
        return buf[Math.toIntExact(offset)];
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
