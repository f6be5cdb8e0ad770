package org.smtpeter.messages.control;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * The bytes of one stored message, read where they lie: in memory for ordinary mail, in a file
 * for large messages, so that a large attachment is never held in the heap, let alone once per
 * recipient. Features parse it in place ({@link #located()}) and outgoing copies refer to ranges
 * of it (the features' {@code Content}).
 */
public interface MessageBytes extends Closeable {

    long size();

    /** A view of the whole message that Jakarta Mail parses in place; its parts know their offsets. */
    InputStream located() throws IOException;

    /** The byte at {@code offset}. */
    byte at(long offset) throws IOException;

    /** Writes bytes {@code [from, to)} to {@code out}. */
    void copy(long from, long to, OutputStream out) throws IOException;

    /** Bytes {@code [from, to)} as an array; for short ranges such as a header section. */
    default byte[] read(long from, long to) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(to - from, 64 * 1024));
        copy(from, to, out);
        return out.toByteArray();
    }

    /** Releases what holds the bytes (a file is deleted); nothing for bytes in memory. */
    @Override
    default void close() throws IOException {
    }

    static MessageBytes of(byte[] bytes) {
        return new BytesInMemory(bytes);
    }

    /** The bytes of {@code file}, which is deleted when they are closed. */
    static MessageBytes inFile(Path file) throws IOException {
        return new BytesInFile(file);
    }
}
