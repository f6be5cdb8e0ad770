package org.smtpeter.smtp.protocol;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-memory {@link Transport}. Input is a list of chunks, one per client write: a read never
 * returns more than the rest of the current chunk, as with TCP segments. {@link #startTls()}
 * switches to a second chunk list and a second output, as a real handshake would.
 */
final class MemoryTransport implements Transport {

    /** Captures output and remembers what each flush pushed out. */
    static final class Output extends OutputStream {
        private final ByteArrayOutputStream all = new ByteArrayOutputStream();
        private final List<String> flushed = new ArrayList<>();
        private int flushedUpTo;

        @Override
        public void write(int b) {
            all.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            all.write(bytes, offset, length);
        }

        @Override
        public void flush() {
            byte[] bytes = all.toByteArray();
            if (bytes.length > flushedUpTo) {
                flushed.add(new String(bytes, flushedUpTo, bytes.length - flushedUpTo, StandardCharsets.UTF_8));
                flushedUpTo = bytes.length;
            }
        }

        String text() {
            return all.toString(StandardCharsets.UTF_8);
        }

        /** Reply lines without CRLF. */
        List<String> lines() {
            String text = text();
            if (text.isEmpty()) {
                return List.of();
            }
            if (!text.endsWith("\r\n")) {
                throw new AssertionError("output does not end with CRLF: " + text);
            }
            return List.of(text.substring(0, text.length() - 2).split("\r\n", -1));
        }

        /** The output of each flush, in order; a reply batch is one element. */
        List<String> flushes() {
            return flushed;
        }
    }

    /** Serves chunks; each read stays within one chunk. */
    static final class ChunkedInput extends InputStream {
        private final List<byte[]> chunks;
        private int chunk;
        private int position;

        ChunkedInput(List<byte[]> chunks) {
            this.chunks = chunks;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            while (chunk < chunks.size() && position == chunks.get(chunk).length) {
                chunk++;
                position = 0;
            }
            if (chunk == chunks.size()) {
                return -1;
            }
            byte[] current = chunks.get(chunk);
            int n = Math.min(length, current.length - position);
            System.arraycopy(current, position, buffer, offset, n);
            position += n;
            return n;
        }
    }

    final Output plainOutput = new Output();
    final Output tlsOutput = new Output();
    private final InputStream plainInput;
    private final InputStream tlsInput;
    private final TlsFacts implicitTls;
    private boolean secure;
    int handshakes;

    MemoryTransport(InputStream plainInput, InputStream tlsInput, TlsFacts implicitTls) {
        this.plainInput = plainInput;
        this.tlsInput = tlsInput;
        this.implicitTls = implicitTls;
        this.secure = implicitTls != null;
    }

    /** A STARTTLS-capable connection: chunks before the handshake, chunks after it. */
    static MemoryTransport of(List<String> plainChunks, List<String> tlsChunks) {
        return new MemoryTransport(new ChunkedInput(bytes(plainChunks)), new ChunkedInput(bytes(tlsChunks)), null);
    }

    /** Implicit TLS (port 465): encrypted from the first octet. */
    static MemoryTransport implicitTls(List<String> chunks) {
        return new MemoryTransport(null, new ChunkedInput(bytes(chunks)), new TlsFacts("TLSv1.3", "TEST"));
    }

    static List<byte[]> bytes(List<String> chunks) {
        return chunks.stream().map(c -> c.getBytes(StandardCharsets.UTF_8)).toList();
    }

    @Override
    public InputStream input() {
        return secure ? tlsInput : plainInput;
    }

    @Override
    public OutputStream output() {
        return secure ? tlsOutput : plainOutput;
    }

    @Override
    public TlsFacts tls() {
        return implicitTls;
    }

    @Override
    public TlsFacts startTls() {
        handshakes++;
        secure = true;
        return new TlsFacts("TLSv1.3", "TEST");
    }
}
