package org.smtpeter.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The next hop in delivery tests: a small SMTP server that records what it receives, byte for
 * byte after dot-unstuffing, and misbehaves on request, chosen by the recipient's local part:
 * <ul>
 * <li>{@code tempfail-once-*}: 450 to the first RCPT for that address, 250 later;</li>
 * <li>{@code tempfail-always-*}: 450 to every RCPT;</li>
 * <li>{@code reject-*}: 550 5.1.1;</li>
 * <li>{@code drop-once-*}: the first time, hangs up in the middle of DATA;</li>
 * <li>{@code hold-*}: 450 until the test calls {@link #release(String)};</li>
 * <li>{@code slow-*}: waits {@link #SLOW} before the 250 to the message (a delivery in flight);</li>
 * <li>anything else: accepted.</li>
 * </ul>
 */
public final class SmtpSink implements AutoCloseable {

    /**
     * One message as the sink received it.
     *
     * @param data the message, or only its first {@link #keepAtMost} bytes
     * @param size the size of the whole message (dot-unstuffed)
     * @param tail its last bytes (up to 256), whatever was kept
     */
    public record Received(String mailFrom, List<String> recipients, byte[] data, String heloName, long arrivedNanos,
                           long size, byte[] tail) {
        public String text() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    /** How long {@code slow-*} mail takes to be accepted. */
    public static final Duration SLOW = Duration.ofSeconds(2);

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Set<String> triedOnce = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private final Set<String> released = ConcurrentHashMap.newKeySet();
    private final int keepAtMost;

    public SmtpSink() throws IOException {
        this(Integer.MAX_VALUE);
    }

    /** A sink for large messages: keeps the first {@code keepAtMost} bytes of each, and its size and tail. */
    public SmtpSink(int keepAtMost) throws IOException {
        this.keepAtMost = keepAtMost;
        server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        threads.execute(this::accept);
    }

    /** Everything received so far. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** From now on, accept {@code hold-*} mail for this recipient. */
    public void release(String recipient) {
        released.add(recipient);
    }

    public int connections() {
        return connections.get();
    }

    public List<Received> receivedFor(String recipient) {
        return received.stream().filter(r -> r.recipients().contains(recipient)).toList();
    }

    /** Waits until a message for {@code recipient} has arrived, and returns it. */
    public Received awaitFor(String recipient, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<Received> found = receivedFor(recipient);
            if (!found.isEmpty()) {
                return found.get(0);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no message for " + recipient + " reached the sink within " + timeout);
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                threads.execute(() -> converse(socket));
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                // keep accepting
            }
        }
    }

    private void converse(Socket socket) {
        try (socket) {
            socket.setSoTimeout(60_000);
            Input in = new Input(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            reply(out, "220 sink.test ESMTP test sink");
            String helo = null;
            String from = null;
            List<String> recipients = new ArrayList<>();
            while (true) {
                String line = readLine(in);
                if (line == null) {
                    return;
                }
                String upper = line.toUpperCase(Locale.ROOT);
                if (upper.startsWith("EHLO") || upper.startsWith("HELO")) {
                    helo = line.substring(4).strip();
                    reply(out, "250-sink.test\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250-SIZE 52428800\r\n250 ENHANCEDSTATUSCODES");
                } else if (upper.startsWith("MAIL FROM:")) {
                    from = path(line.substring(10));
                    recipients.clear();
                    reply(out, "250 2.1.0 OK");
                } else if (upper.startsWith("RCPT TO:")) {
                    String recipient = path(line.substring(8));
                    String answer = recipientReply(recipient);
                    if (answer.startsWith("250")) {
                        recipients.add(recipient);
                    }
                    reply(out, answer);
                } else if (upper.equals("DATA")) {
                    reply(out, "354 go ahead");
                    boolean drop = recipients.stream().anyMatch(r -> r.startsWith("drop-once-") && triedOnce.add(r));
                    if (drop) {
                        readLine(in); // take a little, then hang up mid-DATA
                        return;
                    }
                    Data data = in.readData(keepAtMost);
                    if (recipients.stream().anyMatch(r -> r.startsWith("slow-"))) {
                        sleep(SLOW);
                    }
                    received.add(new Received(from, List.copyOf(recipients), data.kept.toByteArray(), helo,
                            System.nanoTime(), data.size, data.tail()));
                    reply(out, "250 2.0.0 Ok: queued in the sink");
                } else if (upper.equals("RSET") || upper.startsWith("NOOP")) {
                    reply(out, "250 2.0.0 OK");
                } else if (upper.equals("QUIT")) {
                    reply(out, "221 2.0.0 Bye");
                    return;
                } else {
                    reply(out, "502 5.5.1 not here");
                }
            }
        } catch (IOException e) {
            // the relay hung up; nothing to record
        }
    }

    private static void sleep(Duration duration) throws IOException {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private String recipientReply(String recipient) {
        if (recipient.startsWith("reject-")) {
            return "550 5.1.1 <" + recipient + ">: Recipient address rejected: User unknown";
        }
        if (recipient.startsWith("hold-") && !released.contains(recipient)) {
            return "451 4.3.0 <" + recipient + ">: Held, try again later";
        }
        if (recipient.startsWith("tempfail-always-")) {
            return "450 4.2.0 <" + recipient + ">: Mailbox busy, try again later";
        }
        if (recipient.startsWith("tempfail-once-") && triedOnce.add(recipient)) {
            return "450 4.2.0 <" + recipient + ">: Greylisted, try again later";
        }
        return "250 2.1.5 OK";
    }

    private static String path(String argument) {
        String text = argument.strip();
        int close = text.indexOf('>');
        return text.startsWith("<") && close > 0 ? text.substring(1, close) : text.split(" ")[0];
    }

    /** The data of one message as far as the sink keeps it. */
    private static final class Data {
        final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        final byte[] ring = new byte[256];
        long size;

        void add(byte b, int keepAtMost) {
            if (kept.size() < keepAtMost) {
                kept.write(b);
            }
            ring[(int) (size++ & 0xff)] = b;
        }

        byte[] tail() {
            int length = (int) Math.min(size, ring.length);
            byte[] tail = new byte[length];
            for (int i = 0; i < length; i++) {
                tail[i] = ring[(int) ((size - length + i) & 0xff)];
            }
            return tail;
        }
    }

    /**
     * The client's bytes through a buffer of the sink's own: commands line by line, message data
     * byte by byte in a tight loop, so that gigabytes of test mail cost no allocation per line.
     */
    private static final class Input {
        private final InputStream in;
        private final byte[] buffer = new byte[64 * 1024];
        private int position;
        private int limit;

        Input(InputStream in) {
            this.in = in;
        }

        /** The next byte, or -1 at the end. */
        int read() throws IOException {
            if (position == limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return -1;
                }
            }
            return buffer[position++] & 0xff;
        }

        /** Up to the line ".", dot-unstuffed (RFC 5321 4.5.2). */
        Data readData(int keepAtMost) throws IOException {
            Data data = new Data();
            boolean lineStart = true;
            while (true) {
                int b = read();
                if (b < 0) {
                    throw new IOException("connection closed in DATA");
                }
                if (lineStart && b == '.') {
                    int next = read();
                    if (next == '\r') {
                        if (read() != '\n') {
                            throw new IOException("bare CR after a dot in DATA");
                        }
                        return data;
                    }
                    b = next; // the stuffed dot goes
                    if (b < 0) {
                        throw new IOException("connection closed in DATA");
                    }
                }
                data.add((byte) b, keepAtMost);
                lineStart = b == '\n';
            }
        }
    }

    private static String readLine(Input in) throws IOException {
        byte[] line = readRawLine(in);
        if (line == null) {
            return null;
        }
        return new String(line, StandardCharsets.UTF_8).stripTrailing();
    }

    private static byte[] readRawLine(Input in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) >= 0) {
            line.write(b);
            if (b == '\n') {
                return line.toByteArray();
            }
        }
        return line.size() == 0 ? null : line.toByteArray();
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
