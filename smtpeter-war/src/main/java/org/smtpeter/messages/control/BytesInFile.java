package org.smtpeter.messages.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.smtpeter.messages.control.MessageBytes;

/**
 * A large message in a file of its own: parsed and copied with positional reads of one shared
 * channel (safe from several threads), so only buffers are ever in memory. Closing deletes it.
 */
final class BytesInFile implements MessageBytes {

    private static final int COPY_BUFFER = 64 * 1024;

    private final Path file;
    private final FileChannel channel;
    private final long size;

    BytesInFile(Path file) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.size = channel.size();
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public InputStream located() {
        return new LocatedFile(channel, 0, size);
    }

    @Override
    public byte at(long offset) throws IOException {
        return LocatedFile.byteAt(channel, offset);
    }

    @Override
    public void copy(long from, long to, OutputStream out) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(COPY_BUFFER, Math.max(to - from, 1)));
        long position = from;
        while (position < to) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), to - position));
            int read = channel.read(buffer, position);
            if (read < 0) {
                throw new IOException("message file ended at " + position + " of " + to);
            }
            out.write(buffer.array(), 0, read);
            position += read;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
