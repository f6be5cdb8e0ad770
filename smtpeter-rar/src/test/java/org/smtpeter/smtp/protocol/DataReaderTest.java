package org.smtpeter.smtp.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.smtpeter.smtp.protocol.DataReader.Outcome;
import org.smtpeter.smtp.protocol.SmtpInput.Ending;
import org.smtpeter.smtp.protocol.SmtpInput.Line;

/**
 * Message data after 354. The byte-exact cases live in src/test/resources/data: {@code <case>.input}
 * is what the client sends, {@code <case>.expected} what must reach the spool, and
 * {@code cases.properties} names the outcome (see generate_fixtures.py there).
 */
class DataReaderTest {

    private static final long MAX_SIZE = 1024 * 1024;
    private static final int MAX_LINE = 1000;
    private static final byte[] NEXT_COMMAND = "NEXT\r\n".getBytes(StandardCharsets.US_ASCII);

    /** What one read of message data produced. */
    private record Read(Outcome outcome, boolean reachedEnd, byte[] stored, SmtpInput input) {
    }

    private static Read read(byte[] stream, long maxSize, int maxLine, boolean oneOctetPerRead) throws IOException {
        return read(stream, maxSize, maxLine, oneOctetPerRead, BareLineFeeds.NORMALIZE);
    }

    private static Read read(byte[] stream, long maxSize, int maxLine, boolean oneOctetPerRead,
                             BareLineFeeds bareLineFeeds) throws IOException {
        InputStream raw = oneOctetPerRead ? new TrickleInputStream(stream, 0) : new ByteArrayInputStream(stream);
        SmtpInput input = new SmtpInput(raw, Duration.ofMinutes(1));
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        DataReader reader = new DataReader(input, maxSize, maxLine, bareLineFeeds);
        Outcome outcome = reader.copyTo(sink);
        return new Read(outcome, reader.reachedEnd(), sink.toByteArray(), input);
    }

    private static Read read(String stream, long maxSize, int maxLine) throws IOException {
        return read(stream, maxSize, maxLine, BareLineFeeds.NORMALIZE);
    }

    private static Read read(String stream, long maxSize, int maxLine, BareLineFeeds bareLineFeeds) throws IOException {
        return read(stream.getBytes(StandardCharsets.ISO_8859_1), maxSize, maxLine, false, bareLineFeeds);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = DataReaderTest.class.getResourceAsStream("/data/" + name)) {
            assertNotNull(in, "missing fixture data/" + name);
            return in.readAllBytes();
        }
    }

    private static Properties cases() throws IOException {
        return cases("cases.properties");
    }

    private static Properties cases(String index) throws IOException {
        Properties cases = new Properties();
        try (InputStream in = DataReaderTest.class.getResourceAsStream("/data/" + index)) {
            assertNotNull(in, "missing data/" + index);
            cases.load(in);
        }
        return cases;
    }

    static Stream<Arguments> fixtures() throws IOException {
        return fixtures("cases.properties");
    }

    static Stream<Arguments> rejectFixtures() throws IOException {
        return fixtures("cases-reject.properties");
    }

    private static Stream<Arguments> fixtures(String index) throws IOException {
        Properties cases = cases(index);
        return cases.stringPropertyNames().stream().sorted().flatMap(name -> Stream.of(
                Arguments.of(name, Outcome.valueOf(cases.getProperty(name).trim()), false),
                Arguments.of(name, Outcome.valueOf(cases.getProperty(name).trim()), true)));
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] all = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    private static String visible(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1).replace("\r", "\\r").replace("\n", "\\n");
    }

    @ParameterizedTest(name = "{0} (one octet per read: {2})")
    @MethodSource("fixtures")
    void fixture(String name, Outcome expected, boolean oneOctetPerRead) throws IOException {
        byte[] input = resource(name + ".input");
        byte[] stored = resource(name + ".expected");
        // a command follows a complete message; the reader must stop exactly at the terminator
        byte[] stream = expected == Outcome.COMPLETE ? concat(input, NEXT_COMMAND) : input;
        Read read = read(stream, MAX_SIZE, MAX_LINE, oneOctetPerRead);
        assertEquals(expected, read.outcome(), name);
        assertArrayEquals(stored, read.stored(), () -> name + " stored " + visible(read.stored()));
        if (expected == Outcome.COMPLETE) {
            assertEquals(new Line("NEXT", Ending.CRLF), read.input().readLine(512));
        }
    }

    @ParameterizedTest(name = "{0} with bare-line-feeds=reject (one octet per read: {2})")
    @MethodSource("rejectFixtures")
    void fixtureRefusedAfterItsEndWhenBareLineEndsAreRejected(String name, Outcome expected, boolean oneOctetPerRead)
            throws IOException {
        byte[] input = resource(name + ".input");
        boolean ends = expected != Outcome.DISCONNECTED;
        byte[] stream = ends ? concat(input, NEXT_COMMAND) : input;
        Read read = read(stream, MAX_SIZE, MAX_LINE, oneOctetPerRead, BareLineFeeds.REJECT);
        assertEquals(expected, read.outcome(), name);
        assertEquals(ends, read.reachedEnd(), name);
        if (ends) {
            assertEquals(new Line("NEXT", Ending.CRLF), read.input().readLine(512), "read to the end of data: " + name);
        }
        if (expected == Outcome.COMPLETE) {
            assertArrayEquals(resource(name + ".expected"), read.stored(), name);
        }
    }

    @Test
    void everyFixtureFileIsIndexedAndPaired() throws IOException, URISyntaxException {
        Path directory = Path.of(DataReaderTest.class.getResource("/data/cases.properties").toURI()).getParent();
        Set<String> inputs;
        try (Stream<Path> files = Files.list(directory)) {
            inputs = files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".input"))
                    .map(f -> f.substring(0, f.length() - ".input".length())).collect(Collectors.toSet());
        }
        assertEquals(cases().stringPropertyNames(), inputs);
        assertEquals(cases("cases-reject.properties").stringPropertyNames(), inputs);
        for (String name : inputs) {
            assertTrue(Files.exists(directory.resolve(name + ".expected")), name + ".expected");
        }
        assertTrue(inputs.stream().filter(n -> n.startsWith("smuggle-")).count() >= 3, "smuggling cases present");
    }

    /** Whatever follows a smuggled end of data stays inside the one message, as data. */
    @Test
    void smugglingFixturesKeepTheSmuggledCommandsInsideTheOneMessage() throws IOException {
        Properties cases = cases();
        for (String name : cases.stringPropertyNames()) {
            if (name.startsWith("smuggle-")) {
                Read read = read(concat(resource(name + ".input"), NEXT_COMMAND), MAX_SIZE, MAX_LINE, false);
                assertEquals(Outcome.COMPLETE, read.outcome(), name);
                String stored = new String(read.stored(), StandardCharsets.ISO_8859_1);
                assertTrue(stored.contains("MAIL FROM:<evil@attacker.test>\r\nRCPT TO:<victim@example.com>\r\nDATA\r\n"
                        + "forged\r\n"), name + " stored " + visible(read.stored()));
                assertTrue(onlyCrlfLineEnds(read.stored()), name + " stored " + visible(read.stored()));
                assertEquals(new Line("NEXT", Ending.CRLF), read.input().readLine(512), name);
            }
        }
    }

    @Test
    void bareLineEndsAreStoredAsCrlfInEveryMessage() throws IOException {
        Random random = new Random(20261124L);
        byte[] alphabet = "ab.\r\n \r\n".getBytes(StandardCharsets.US_ASCII);
        for (int run = 0; run < 500; run++) {
            byte[] data = new byte[random.nextInt(80)];
            for (int i = 0; i < data.length; i++) {
                data[i] = alphabet[random.nextInt(alphabet.length)];
            }
            Read read = read(concat(data, "\r\n.\r\n".getBytes(StandardCharsets.US_ASCII)), MAX_SIZE, MAX_LINE, false);
            assertEquals(Outcome.COMPLETE, read.outcome(), () -> visible(data));
            assertTrue(onlyCrlfLineEnds(read.stored()), () -> visible(data) + " stored " + visible(read.stored()));
        }
    }

    private static boolean onlyCrlfLineEnds(byte[] data) {
        for (int i = 0; i < data.length; i++) {
            boolean crWithoutLf = data[i] == '\r' && (i + 1 == data.length || data[i + 1] != '\n');
            boolean lfWithoutCr = data[i] == '\n' && (i == 0 || data[i - 1] != '\r');
            if (crWithoutLf || lfWithoutCr) {
                return false;
            }
        }
        return true;
    }

    @Test
    void refusedMessageIsReadOnForAtMostOneMoreSizeLimit() throws IOException {
        String endless = "x".repeat(48) + "\r\n";
        Read read = read(endless.repeat(10) + "bare\nline\r\n" + endless.repeat(9) + ".\r\nQUIT\r\n",
                1000, MAX_LINE, BareLineFeeds.REJECT);
        assertEquals(Outcome.BARE_LINE_END, read.outcome());
        assertTrue(read.reachedEnd(), "within one more size limit the end of data is still read");

        Read gaveUp = read(endless.repeat(10) + "bare\nline\r\n" + endless.repeat(200) + ".\r\nQUIT\r\n",
                1000, MAX_LINE, BareLineFeeds.REJECT);
        assertEquals(Outcome.BARE_LINE_END, gaveUp.outcome());
        assertFalse(gaveUp.reachedEnd(), "the reader gives up one size limit after the refusal");
        assertFalse(gaveUp.input().readLine(512).text().equals("QUIT"), "stopped inside the data");

        Read tooBig = read(endless.repeat(50) + ".\r\nQUIT\r\n", 1000, MAX_LINE);
        assertEquals(Outcome.TOO_BIG, tooBig.outcome());
        assertFalse(tooBig.reachedEnd(), "2500 octets against a limit of 1000: the reader gave up at 2000");
    }

    @Test
    void tooBigMessageIsReadToItsEndSoTheNextCommandFollows() throws IOException {
        String line = "x".repeat(48) + "\r\n";
        String message = line.repeat(20); // 1000 octets
        Read read = read(message + ".\r\nQUIT\r\n", 600, MAX_LINE);
        assertEquals(Outcome.TOO_BIG, read.outcome());
        assertTrue(read.reachedEnd());
        assertTrue(read.stored().length <= 600, "the spool stops receiving at the limit");
        assertEquals(message.substring(0, read.stored().length), new String(read.stored(), StandardCharsets.US_ASCII));
        assertEquals(new Line("QUIT", Ending.CRLF), read.input().readLine(512));
    }

    @Test
    void sizeLimitIsInclusiveAndCountsCrlf() throws IOException {
        String hundred = "y".repeat(98) + "\r\n";
        assertEquals(Outcome.COMPLETE, read(hundred + ".\r\n", 100, MAX_LINE).outcome());
        assertEquals(Outcome.TOO_BIG, read(hundred + ".\r\n", 99, MAX_LINE).outcome());
    }

    @Test
    void sizeCountsOctetsAfterDotUnstuffing() throws IOException {
        Read read = read("..abcdef\r\n.\r\n", 9, MAX_LINE); // 10 octets on the wire, 9 stored
        assertEquals(Outcome.COMPLETE, read.outcome());
        assertEquals(".abcdef\r\n", new String(read.stored(), StandardCharsets.US_ASCII));
    }

    @Test
    void overlongLineIsReadToTheEndSoTheNextCommandFollows() throws IOException {
        assertEquals(Outcome.COMPLETE, read("z".repeat(98) + "\r\n.\r\n", MAX_SIZE, 100).outcome());
        Read read = read("short\r\n" + "z".repeat(99) + "\r\nmore\r\n.\r\nQUIT\r\n", MAX_SIZE, 100);
        assertEquals(Outcome.LINE_TOO_LONG, read.outcome());
        assertEquals(new Line("QUIT", Ending.CRLF), read.input().readLine(512));
    }

    @Test
    void limitsNeverLetASmuggledEndOfDataEndTheMessage() throws IOException {
        String smuggled = "\n.\nMAIL FROM:<evil@x.example>\r\n.\r\nNEXT\r\n";
        String message = "x".repeat(70) + "\r\na" + smuggled;
        for (Read read : List.of(read(message, 60, MAX_LINE), read(message, MAX_SIZE, 20),
                read(message, 60, MAX_LINE, BareLineFeeds.REJECT))) {
            assertNotEquals(Outcome.COMPLETE, read.outcome());
            assertTrue(read.reachedEnd());
            assertEquals(new Line("NEXT", Ending.CRLF), read.input().readLine(512), "only CRLF.CRLF ended the data");
        }
    }

    @Test
    void largeMessageSurvivesDotStuffingAcrossBufferBoundaries() throws IOException {
        Random random = new Random(20240607L);
        StringBuilder original = new StringBuilder();
        StringBuilder wire = new StringBuilder();
        while (original.length() < 200_000) {
            StringBuilder line = new StringBuilder();
            if (random.nextInt(4) == 0) {
                line.append(".".repeat(1 + random.nextInt(3)));
            }
            int length = random.nextInt(120);
            for (int i = 0; i < length; i++) {
                line.append((char) (' ' + random.nextInt(95)));
            }
            original.append(line).append("\r\n");
            wire.append(line.length() > 0 && line.charAt(0) == '.' ? "." : "").append(line).append("\r\n");
        }
        Read read = read(wire + ".\r\nNEXT\r\n", MAX_SIZE, MAX_LINE);
        assertEquals(Outcome.COMPLETE, read.outcome());
        assertEquals(original.toString(), new String(read.stored(), StandardCharsets.US_ASCII));
        assertEquals(new Line("NEXT", Ending.CRLF), read.input().readLine(512));
    }
}
