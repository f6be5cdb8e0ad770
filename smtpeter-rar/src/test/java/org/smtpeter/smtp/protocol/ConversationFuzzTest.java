package org.smtpeter.smtp.protocol;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smtpeter.smtp.protocol.Transcript.base64;
import static org.smtpeter.smtp.protocol.Transcript.plain;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.smtpeter.smtp.api.ListenerRole;

/**
 * Random, truncated and hostile input through a whole {@link Conversation}. Whatever arrives, the
 * server answers with well-formed replies, ends, and never lets an exception escape. A failure
 * names the seed and the case, so it can be replayed.
 */
class ConversationFuzzTest {

    private static final long SEED = 0x5EED_2025_0607L;
    private static final int BATCHES = 4;
    private static final int CASES_PER_BATCH = 5_000;

    private static final Pattern REPLY = Pattern.compile("[2-5][0-9][0-9][ -].*", Pattern.DOTALL);
    /** The enhanced code's class must match the basic code's class: 250 2.x.x, 451 4.x.x, 554 5.x.x. */
    private static final Pattern ENHANCED = Pattern.compile("([245])[0-9][0-9][ -]\\1\\.[0-9]{1,3}\\.[0-9]{1,3}( .*)?", Pattern.DOTALL);
    private static final Pattern WITHOUT_ENHANCED = Pattern.compile("250[ -](mx\\.test Hello .*|PIPELINING|SIZE [0-9]+|8BITMIME"
            + "|SMTPUTF8|DSN|ENHANCEDSTATUSCODES|STARTTLS|AUTH PLAIN LOGIN)|334 .*|354 .*", Pattern.DOTALL);
    private static final Limits LIMITS = new Limits(512, 1000, 4096, 3, 12, Duration.ofMinutes(5), Duration.ofMinutes(2));

    private static final String[] COMMANDS = {
        "EHLO client.test", "HELO client.test", "EHLO", "ehlo x y", "STARTTLS", "STARTTLS now",
        "AUTH PLAIN " + plain("", "alice", "secret"), "AUTH PLAIN", "AUTH LOGIN", "AUTH LOGIN " + base64("alice"),
        base64("alice"), base64("secret"), plain("bob", "alice", "x"), "*", "=", "AUTH CRAM-MD5", "AUTH",
        "MAIL FROM:<a@example.com>", "MAIL FROM:<> SIZE=100 BODY=8BITMIME", "MAIL FROM:<jörg@example.de> SMTPUTF8",
        "MAIL FROM:<a@example.com> SIZE=99999999", "MAIL FROM:<a@example.com> ENVID=x+2By RET=HDRS",
        "MAIL FROM:a@example.com", "MAIL FROM:<a@example.com> SIZE=1 SIZE=2", "MAIL FROM:<jörg@example.de>",
        "RCPT TO:<b@example.com>", "RCPT TO:<c@example.com> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;c@example.com",
        "RCPT TO:<zoë@example.org>", "RCPT TO:<>", "RCPT TO:<d@example.com> NOTIFY=NEVER,DELAY", "RCPT",
        "DATA", "DATA x", "Subject: fuzz", "", ".", "..", ".x", "RSET", "NOOP", "VRFY x", "HELP", "QUIT",
        "GET / HTTP/1.1", "EXPN x", "BDAT 1 LAST", "MAIL FROM:", "\0", "NO\0OP", "\u00ff\u00fe", "\t",
    };
    private static final String[] ENDINGS = {"\r\n", "\r\n", "\r\n", "\r\n", "\n", "\r", "", "\r\r\n", "\n\r"};
    private static final byte[] SPECIAL = {0, '\r', '\n', '.', ' ', ':', '<', '>', '@', '=', '\t', 0x7f,
        (byte) 0x80, (byte) 0xc3, (byte) 0xff};

    @TempDir
    Path spoolDirectory;

    /** How often the interesting paths were taken, so the generator cannot silently go stale. */
    private final Map<String, Integer> reached = new TreeMap<>();

    @Test
    void randomInputNeverBreaksTheConversation() {
        Random random = new Random(SEED);
        for (int batch = 0; batch < BATCHES; batch++) {
            int first = batch * CASES_PER_BATCH;
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                for (int n = first; n < first + CASES_PER_BATCH; n++) {
                    runCase(n, random);
                }
            }, () -> "a batch did not finish in time (seed " + SEED + ")");
        }
        System.out.println("ConversationFuzzTest reached: " + reached);
        for (String path : List.of("deliveries", "handshakes", "auth ok", "too many errors", "bare line end in data",
                "message too big", "line too long", "http")) {
            assertTrue(reached.getOrDefault(path, 0) >= 20, () -> "fuzzing rarely reached " + path + ": " + reached);
        }
    }

    private void tally(String output, MemoryTransport transport, RecordingListener listener) {
        reached.merge("deliveries", listener.deliveries.size(), Integer::sum);
        reached.merge("handshakes", transport.handshakes, Integer::sum);
        String[][] markers = {{"auth ok", "\r\n235 "}, {"too many errors", "\r\n421 4.7.0 Too many"},
            {"bare line end in data", "\r\n554 5.6.0 "}, {"message too big", "\r\n552 5.3.4 "},
            {"line too long", "\r\n500 5.5.6 "}, {"http", "SMTP server; closing"}};
        for (String[] marker : markers) {
            reached.merge(marker[0], output.contains(marker[1]) ? 1 : 0, Integer::sum);
        }
    }

    private void runCase(int n, Random random) {
        byte[] plainInput = generate(random);
        byte[] tlsInput = generate(random);
        boolean implicit = random.nextInt(5) == 0;
        boolean tlsAvailable = random.nextInt(5) != 0;
        MemoryTransport transport = new MemoryTransport(implicit ? null : new MemoryTransport.ChunkedInput(chunks(plainInput, random)),
                new MemoryTransport.ChunkedInput(chunks(tlsInput, random)),
                implicit ? new Transport.TlsFacts("TLSv1.3", "TEST") : null);
        Limits limits = random.nextBoolean() ? LIMITS : LIMITS.withBareLineFeeds(BareLineFeeds.REJECT);
        RecordingListener listener = RecordingListener.acceptingEverything();
        SmtpSession session = new SmtpSession(new SessionSettings("mx.test",
                implicit ? ListenerRole.SMTPS : ListenerRole.SUBMISSION, tlsAvailable, limits),
                listener, AuthThrottle.NONE, "203.0.113.9", 4000 + n);
        Supplier<String> context = () -> "seed " + SEED + ", case " + n + ", " + limits.bareLineFeeds()
                + ", implicit TLS " + implicit + ", plain input "
                + visible(implicit ? new byte[0] : plainInput) + ", TLS input " + visible(tlsInput);
        try {
            new Conversation(session, transport, limits, spoolDirectory).run();
        } catch (Throwable escaped) {
            throw new AssertionError("exception escaped: " + escaped + "; " + context.get(), escaped);
        }
        String output = transport.plainOutput.text() + transport.tlsOutput.text();
        check(output, listener, context);
        tally(output, transport, listener);
    }

    private static void check(String output, RecordingListener listener, Supplier<String> context) {
        require(!output.isEmpty(), "no output at all", output, context);
        require(output.startsWith("220 mx.test "), "no greeting first", output, context);
        require(output.endsWith("\r\n"), "output does not end with CRLF", output, context);
        String[] lines = output.substring(0, output.length() - 2).split("\r\n", -1);
        int dataStarts = 0;
        int queued = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            require(line.indexOf('\r') < 0 && line.indexOf('\n') < 0, "bare CR or LF inside reply " + i, output, context);
            require(REPLY.matcher(line).matches(), "malformed reply line " + i + ": " + line, output, context);
            if (i > 0 && !WITHOUT_ENHANCED.matcher(line).matches()) {
                require(ENHANCED.matcher(line).matches(), "no matching enhanced code: " + line, output, context);
            }
            boolean closing = line.startsWith("221 ") || line.startsWith("421 ");
            require(!closing || i == lines.length - 1, "output continues after closing reply " + line, output, context);
            dataStarts += line.startsWith("354 ") ? 1 : 0;
            queued += line.startsWith("250 2.0.0 Queued as ") ? 1 : 0;
        }
        require(queued == listener.deliveries.size(), "every delivery must be answered with 250 Queued", output, context);
        require(listener.deliveries.size() <= dataStarts, "delivered without 354", output, context);
        for (RecordingListener.Delivery delivery : listener.deliveries) {
            require(onlyCrlfLineEnds(delivery.data()), "delivered message has a bare CR or LF: " + visible(delivery.data()),
                    output, context);
            require(delivery.data().length <= LIMITS.maxMessageSize(), "delivered message over the size limit", output, context);
        }
    }

    private static void require(boolean condition, String problem, String output, Supplier<String> context) {
        if (!condition) {
            throw new AssertionError(problem + "\n" + context.get() + "\noutput: " + visible(output.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** Every CR is followed by LF, every LF preceded by CR, and the message is empty or ends with CRLF. */
    private static boolean onlyCrlfLineEnds(byte[] data) {
        for (int i = 0; i < data.length; i++) {
            if (data[i] == '\r' && (i + 1 == data.length || data[i + 1] != '\n')) {
                return false;
            }
            if (data[i] == '\n' && (i == 0 || data[i - 1] != '\r')) {
                return false;
            }
        }
        return data.length == 0 || (data.length >= 2 && data[data.length - 2] == '\r' && data[data.length - 1] == '\n');
    }

    private static byte[] generate(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int parts = random.nextInt(4) == 0 ? 2 + random.nextInt(3) : 1;
        for (int p = 0; p < parts; p++) {
            switch (random.nextInt(4)) {
                case 0 -> randomBytes(random, out, random.nextInt(400));
                case 1 -> commands(random, out, 1 + random.nextInt(12));
                case 2 -> transcript(random, out);
                default -> longLine(random, out);
            }
        }
        return out.toByteArray();
    }

    private static void randomBytes(Random random, ByteArrayOutputStream out, int length) {
        for (int i = 0; i < length; i++) {
            out.write(random.nextInt(3) == 0 ? SPECIAL[random.nextInt(SPECIAL.length)] : random.nextInt(256));
        }
    }

    private static void commands(Random random, ByteArrayOutputStream out, int count) {
        for (int i = 0; i < count; i++) {
            String command = COMMANDS[random.nextInt(COMMANDS.length)];
            if (random.nextInt(8) == 0 && !command.isEmpty()) {
                command = command.substring(0, random.nextInt(command.length())); // a fragment
            }
            out.writeBytes((command + ENDINGS[random.nextInt(ENDINGS.length)]).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A valid session, pipelined, cut at a random point and sometimes with one octet changed. */
    private static void transcript(Random random, ByteArrayOutputStream out) {
        StringBuilder session = new StringBuilder("EHLO client.test\r\n");
        if (random.nextBoolean()) {
            session.append("AUTH PLAIN ").append(plain("", "alice", "secret")).append("\r\n");
        }
        int transactions = 1 + random.nextInt(2);
        for (int t = 0; t < transactions; t++) {
            session.append("MAIL FROM:<alice@example.com> BODY=8BITMIME\r\nRCPT TO:<bob@example.net>\r\n")
                    .append("RCPT TO:<carol@example.org> NOTIFY=FAILURE\r\nDATA\r\n")
                    .append("Subject: fuzz ").append(t).append("\r\n\r\n..stuffed\r\nGrüße\r\n")
                    .append(random.nextBoolean() ? "x".repeat(random.nextInt(1200)) + "\r\n" : "")
                    .append(random.nextInt(3) == 0 ? ("z".repeat(90) + "\r\n").repeat(random.nextInt(80)) : "")
                    .append(".\r\n");
        }
        session.append("QUIT\r\n");
        byte[] bytes = session.toString().getBytes(StandardCharsets.UTF_8);
        int length = random.nextInt(3) == 0 ? bytes.length : random.nextInt(bytes.length + 1);
        if (random.nextInt(4) == 0 && length > 0) {
            bytes[random.nextInt(length)] = SPECIAL[random.nextInt(SPECIAL.length)];
        }
        out.write(bytes, 0, length);
    }

    private static void longLine(Random random, ByteArrayOutputStream out) {
        String prefix = random.nextBoolean() ? "MAIL FROM:<" : "EHLO ";
        out.writeBytes((prefix + "y".repeat(400 + random.nextInt(3000)) + ENDINGS[random.nextInt(ENDINGS.length)]
                + "NOOP\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** Cuts input into client writes: all at once, or pieces of random size. */
    private static List<byte[]> chunks(byte[] input, Random random) {
        List<byte[]> chunks = new ArrayList<>();
        if (random.nextBoolean()) {
            chunks.add(input);
            return chunks;
        }
        for (int start = 0; start < input.length; ) {
            int length = Math.min(input.length - start, 1 + random.nextInt(64));
            byte[] chunk = new byte[length];
            System.arraycopy(input, start, chunk, 0, length);
            chunks.add(chunk);
            start += length;
        }
        return chunks;
    }

    private static String visible(byte[] bytes) {
        StringBuilder text = new StringBuilder("\"");
        for (int i = 0; i < Math.min(bytes.length, 600); i++) {
            int b = bytes[i] & 0xff;
            text.append(b == '\r' ? "\\r" : b == '\n' ? "\\n" : b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format("\\x%02x", b));
        }
        return text.append(bytes.length > 600 ? "\"..." : "\"").toString();
    }
}
