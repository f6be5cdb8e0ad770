package org.smtpeter.messages.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.smtpeter.messages.control.MessageBytes;

/** A message small enough to be read whole. */
final class BytesInMemory implements MessageBytes {

    private final byte[] bytes;

    BytesInMemory(byte[] bytes) {
        this.bytes = bytes;
    }

    byte[] array() {
        return bytes;
    }

    @Override
    public long size() {
        return bytes.length;
    }

    @Override
    public InputStream located() {
        return new LocatedBytes(bytes);
    }

    @Override
    public byte at(long offset) {
        return bytes[Math.toIntExact(offset)];
    }

    @Override
    public void copy(long from, long to, OutputStream out) throws IOException {
        out.write(bytes, Math.toIntExact(from), Math.toIntExact(to - from));
    }
}
