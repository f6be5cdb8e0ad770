package org.smtpeter.benchmark.throughput;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The next hop of both relays: a plain SMTP server on 127.0.0.1 that accepts every message and
 * only notes when it arrived, by the {@code X-Bench-Id} header the load client put in. It shares
 * the two cores with the relay under test, so it does as little as it can: one thread per
 * connection, no copy of the message, the header looked for only until the first empty line.
 */
final class SinkServer implements AutoCloseable {

    private static final byte[] BENCH_ID = "x-bench-id:".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket server;
    private final String idPrefix;
    private final ConcurrentHashMap<Long, Long> arrivals = new ConcurrentHashMap<>();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong strays = new AtomicLong();
    private final AtomicLong sessions = new AtomicLong();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** @param idPrefix the benchmark's own prefix of X-Bench-Id: mail of any earlier run is only counted as a stray */
    private SinkServer(String idPrefix) throws IOException {
        this.idPrefix = idPrefix.toLowerCase(java.util.Locale.ROOT) + "-";
        this.server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "sink-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static SinkServer start(String idPrefix) throws IOException {
        return new SinkServer(idPrefix);
    }

    int port() {
        return server.getLocalPort();
    }

    /** When message {@code id} arrived (System.nanoTime()), or -1. */
    long arrivalOf(long id) {
        Long at = arrivals.get(id);
        return at == null ? -1 : at;
    }

    long messages() {
        return messages.get();
    }

    long duplicates() {
        return duplicates.get();
    }

    /** Connections accepted so far: how many messages a relay sends per connection shows how it batches. */
    long sessions() {
        return sessions.get();
    }

    /** Messages without an X-Bench-Id of this benchmark. */
    long strays() {
        return strays.get();
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket connection : connections) {
            closeQuietly(connection);
        }
    }

    private void accept() {
        int count = 0;
        while (!closed) {
            try {
                Socket connection = server.accept();
                connections.add(connection);
                sessions.incrementAndGet();
                Thread session = new Thread(() -> serve(connection), "sink-" + ++count);
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("sink: accept failed: " + e);
                }
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            connection.setTcpNoDelay(true);
            connection.setSoTimeout(600_000);
            LineReader lines = new LineReader(connection.getInputStream());
            OutputStream out = connection.getOutputStream();
            reply(out, "220 sink.bench.test ESMTP");
            while (lines.next()) {
                switch (lines.verb()) {
                    case "EHLO" -> reply(out, "250-sink.bench.test\r\n250-8BITMIME\r\n250 SIZE 104857600");
                    case "HELO" -> reply(out, "250 sink.bench.test");
                    case "MAIL", "RCPT", "RSET", "NOOP" -> reply(out, "250 2.0.0 OK");
                    case "DATA" -> {
                        reply(out, "354 End data with <CR><LF>.<CR><LF>");
                        if (!receiveData(lines)) {
                            return;
                        }
                        reply(out, "250 2.0.0 Ok: queued");
                    }
                    case "QUIT" -> {
                        reply(out, "221 2.0.0 Bye");
                        return;
                    }
                    default -> reply(out, "502 5.5.2 Command not implemented");
                }
            }
        } catch (IOException e) {
            if (!closed) {
                System.err.println("sink: connection ended: " + e);
            }
        } finally {
            connections.remove(connection);
        }
    }

    /** Reads up to the lone dot and notes the arrival; false when the connection ended first. */
    private boolean receiveData(LineReader lines) throws IOException {
        boolean inHeader = true;
        long id = -1;
        while (lines.next()) {
            if (lines.isEndOfData()) {
                long now = System.nanoTime();
                messages.incrementAndGet();
                if (id < 0) {
                    strays.incrementAndGet();
                } else if (arrivals.putIfAbsent(id, now) != null) {
                    duplicates.incrementAndGet();
                }
                return true;
            }
            if (inHeader) {
                if (lines.isEmpty()) {
                    inHeader = false;
                } else if (id < 0 && lines.startsWithIgnoreCase(BENCH_ID)) {
                    id = lines.benchId(BENCH_ID.length, idPrefix);
                }
            }
        }
        return false;
    }

    private static void reply(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing more to do
        }
    }

    /** Lines straight out of a buffer, without a copy or a String per line. */
    private static final class LineReader {

        private static final int MAX_LINE = 1 << 20;

        private final InputStream in;
        private byte[] buffer = new byte[64 * 1024];
        private int start;
        private int end;
        private int lineStart;
        private int lineEnd;

        LineReader(InputStream in) {
            this.in = in;
        }

        /** Moves to the next line (LF included); false at the end of the stream. */
        boolean next() throws IOException {
            int scanned = start;
            while (true) {
                for (int i = scanned; i < end; i++) {
                    if (buffer[i] == '\n') {
                        lineStart = start;
                        lineEnd = i + 1;
                        start = i + 1;
                        return true;
                    }
                }
                if (start > 0) {
                    System.arraycopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                }
                scanned = end;
                if (end == buffer.length) {
                    if (buffer.length >= MAX_LINE) {
                        throw new IOException("line longer than " + MAX_LINE + " octets");
                    }
                    buffer = Arrays.copyOf(buffer, buffer.length * 2);
                }
                int read = in.read(buffer, end, buffer.length - end);
                if (read < 0) {
                    return false;
                }
                end += read;
            }
        }

        String verb() {
            int length = Math.min(4, contentLength());
            return new String(buffer, lineStart, length, StandardCharsets.US_ASCII).toUpperCase(java.util.Locale.ROOT);
        }

        boolean isEndOfData() {
            return contentLength() == 1 && buffer[lineStart] == '.';
        }

        boolean isEmpty() {
            return contentLength() == 0;
        }

        boolean startsWithIgnoreCase(byte[] lowerCasePrefix) {
            if (contentLength() < lowerCasePrefix.length) {
                return false;
            }
            for (int i = 0; i < lowerCasePrefix.length; i++) {
                if (Character.toLowerCase(buffer[lineStart + i]) != lowerCasePrefix[i]) {
                    return false;
                }
            }
            return true;
        }

        /** The number after {@code prefix} in the header value ("X-Bench-Id: 1a2b3c4d-42"), or -1. */
        long benchId(int valueStart, String prefix) {
            String value = new String(buffer, lineStart + valueStart, contentLength() - valueStart,
                    StandardCharsets.US_ASCII).trim().toLowerCase(java.util.Locale.ROOT);
            if (!value.startsWith(prefix)) {
                return -1;
            }
            try {
                return Long.parseLong(value.substring(prefix.length()));
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        /** Without CRLF (or a bare LF). */
        private int contentLength() {
            int length = lineEnd - lineStart;
            if (length > 0 && buffer[lineEnd - 1] == '\n') {
                length--;
            }
            if (length > 0 && buffer[lineStart + length - 1] == '\r') {
                length--;
            }
            return length;
        }
    }
}
