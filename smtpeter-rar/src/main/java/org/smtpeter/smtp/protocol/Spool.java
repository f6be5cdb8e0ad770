package org.smtpeter.smtp.protocol;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.smtpeter.smtp.api.ReceivedMessage;

/**
 * Holds the data of one message while it arrives: in memory while small, in a private
 * temporary file once it grows, so a large message is never held in memory whole.
 * The spool is discarded after the listener has answered.
 */
public final class Spool extends OutputStream implements ReceivedMessage {

    private static final int MEMORY_THRESHOLD = 256 * 1024;

    private final Path directory;
    private Memory memory = new Memory();
    private Path file;
    private OutputStream fileOut;
    private long size;

    /** @param directory where large messages are spooled; null for the system temp directory */
    public Spool(Path directory) {
        this.directory = directory;
    }

    @Override
    public void write(int b) throws IOException {
        switchToFileIfFull(1);
        (fileOut != null ? fileOut : memory).write(b);
        size++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        switchToFileIfFull(length);
        (fileOut != null ? fileOut : memory).write(bytes, offset, length);
        size += length;
    }

    private void switchToFileIfFull(int more) throws IOException {
        if (fileOut == null && memory.size() + more > MEMORY_THRESHOLD) {
            file = directory == null
                    ? Files.createTempFile("smtpeter-spool-", ".eml")
                    : Files.createTempFile(directory, "smtpeter-spool-", ".eml");
            fileOut = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
            memory.writeTo(fileOut);
            memory = null;
        }
    }

    @Override
    public void flush() throws IOException {
        if (fileOut != null) {
            fileOut.flush();
        }
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public InputStream open() throws IOException {
        if (fileOut != null) {
            fileOut.flush();
            return Files.newInputStream(file);
        }
        return memory.read();
    }

    /** Frees the memory or deletes the file. */
    public void discard() {
        memory = null;
        try {
            if (fileOut != null) {
                fileOut.close();
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete spool file " + file, e);
        }
    }

    @Override
    public void close() {
        discard();
    }

    /**
     * The bytes so far, read in place: the listener opens a spooled message several times (its
     * header section, its bytes to store), and a copy each time was 2 % of all the relay
     * allocated in the throughput profile. Nothing is written once the data has ended.
     */
    private static final class Memory extends ByteArrayOutputStream {

        Memory() {
            super(16 * 1024); // most mail fits without growing
        }

        InputStream read() {
            return new ByteArrayInputStream(buf, 0, count);
        }
    }
}
