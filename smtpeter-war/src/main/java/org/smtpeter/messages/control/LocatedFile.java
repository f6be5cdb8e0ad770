package org.smtpeter.messages.control;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

import jakarta.mail.internet.SharedInputStream;

import org.smtpeter.messages.control.BytesInFile;
import org.smtpeter.messages.control.Located;
import org.smtpeter.messages.control.LocatedBytes;

/**
 * The file counterpart of {@link LocatedBytes}: a buffered view of {@code [start, end)} of a
 * message file that Jakarta Mail parses in place (it marks and resets within the buffer, and asks
 * for sub-views by offset), reading with positional reads of the one shared channel.
 */
public final class LocatedFile extends BufferedInputStream implements SharedInputStream, Located {

    private static final int BUFFER = 16 * 1024;

    private final FileChannel channel;
    private final long start;
    private final long end;
    private final Range range;

    LocatedFile(FileChannel channel, long start, long end) {
        this(new Range(channel, start, end), channel, start, end);
    }

    private LocatedFile(Range range, FileChannel channel, long start, long end) {
        super(range, BUFFER);
        this.range = range;
        this.channel = channel;
        this.start = start;
        this.end = end;
    }

    @Override
    public long start() {
        return start;
    }

    @Override
    public long end() {
        return end;
    }

    @Override
    public byte at(long offset) throws IOException {
        return byteAt(channel, offset);
    }

    static byte byteAt(FileChannel channel, long offset) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        if (channel.read(one, offset) != 1) {
            throw new IOException("no byte at " + offset);
        }
        return one.get(0);
    }

    /** What the reader has consumed, relative to this view: the channel's position less what waits in the buffer. */
    @Override
    public synchronized long getPosition() {
        return range.position - start - (count - pos);
    }

    @Override
    public InputStream newStream(long from, long to) {
        if (from < 0) {
            throw new IllegalArgumentException("start < 0");
        }
        long stop = to == -1 ? end : start + to;
        return new LocatedFile(channel, start + from, stop);
    }

    /** Closing a view must not close the channel that every view of the message shares. */
    @Override
    public void close() {
        // the channel is closed with its BytesInFile
    }

    /** Reads {@code [start, end)} of the channel in order, without touching the channel's own position. */
    private static final class Range extends InputStream {
        private final FileChannel channel;
        private final long end;
        private long position;

        Range(FileChannel channel, long start, long end) {
            this.channel = channel;
            this.position = start;
            this.end = end;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == 1 ? one[0] & 0xff : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (position >= end) {
                return -1;
            }
            int wanted = (int) Math.min(length, end - position);
            int read = channel.read(ByteBuffer.wrap(buffer, offset, wanted), position);
            if (read < 0) {
                throw new IOException("message file ended at " + position + " of " + end);
            }
            position += read;
            return read;
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, end - position);
        }
    }
}
