package org.smtpeter.bounces.control;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.smtpeter.bounces.control.BounceReport.Bucket;
import org.smtpeter.bounces.control.BounceReport.Kind;

/**
 * Runs every hand-written message under {@code src/test/resources/bounces} through the parser
 * and compares it with its row in {@code expected.csv}; prints per-class accuracy afterwards.
 */
class BounceCorpusTest {

    private static final String DIRECTORY = "/bounces/";
    private static final BounceParser PARSER = new BounceParser();

    /** Per class: {correct, total}; filled by the cases, printed at the end. */
    private static final Map<String, int[]> ACCURACY = new TreeMap<>();

    /**
     * One row of expected.csv. Per-recipient columns hold one value per reported recipient,
     * separated by ';'; empty hardness means "no recipient entries" (replies, complaints, unknown).
     * The recipient column is {@link BounceReport#concernedRecipients()}.
     */
    record Expected(String name, Kind kind, Bucket bucket, List<String> recipients, List<String> hardness,
                    List<String> status, List<String> category) {

        @Override
        public String toString() {
            return name;
        }
    }

    /** The same columns, read from a report. */
    record Actual(Kind kind, Bucket bucket, List<String> recipients, List<String> hardness, List<String> status,
                  List<String> category) {

        static Actual of(BounceReport report) {
            return new Actual(report.kind(), report.bucket(), report.concernedRecipients(),
                    column(report, r -> r.hardness().name()),
                    column(report, r -> r.status() == null ? "" : r.status()),
                    column(report, r -> r.category().code()));
        }

        private static List<String> column(BounceReport report, Function<RecipientReport, String> value) {
            return report.recipients().stream().map(value).toList();
        }
    }

    static List<Expected> cases() {
        List<Expected> cases = new ArrayList<>();
        String csv = new String(resource(DIRECTORY + "expected.csv"), StandardCharsets.UTF_8);
        List<String> lines = csv.lines().filter(l -> !l.isBlank()).toList();
        assertEquals("case,kind,bucket,recipient,hardness,status,category", lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            assertEquals(7, cells.length, "columns in: " + line);
            int recipientsWithEntries = list(cells[4]).size();
            cases.add(new Expected(cells[0], Kind.valueOf(cells[1]), Bucket.valueOf(cells[2]), list(cells[3]),
                    list(cells[4]), recipientsWithEntries == 0 ? List.of() : split(cells[5], recipientsWithEntries),
                    list(cells[6])));
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void classifiesTheMessageAsExpected(Expected expected) {
        BounceReport report = PARSER.parse(resource(DIRECTORY + expected.name() + ".eml"));
        Actual actual = Actual.of(report);
        count("kind " + expected.kind(), actual.kind() == expected.kind() && actual.equals(asActual(expected)));
        count("bucket " + expected.bucket(), actual.equals(asActual(expected)));
        for (int i = 0; i < expected.hardness().size(); i++) {
            boolean same = i < actual.hardness().size() && actual.hardness().get(i).equals(expected.hardness().get(i))
                    && actual.category().get(i).equals(expected.category().get(i))
                    && actual.status().get(i).equals(expected.status().get(i));
            count("recipient " + expected.hardness().get(i) + "/" + expected.category().get(i), same);
        }
        String context = expected.name() + " (reason: " + report.reason() + ")";
        assertAll(
                () -> assertEquals(expected.kind(), actual.kind(), "kind of " + context),
                () -> assertEquals(expected.bucket(), actual.bucket(), "bucket of " + context),
                () -> assertEquals(expected.recipients(), actual.recipients(), "recipients of " + context),
                () -> assertEquals(expected.hardness(), actual.hardness(), "hardness of " + context),
                () -> assertEquals(expected.status(), actual.status(), "status of " + context),
                () -> assertEquals(expected.category(), actual.category(), "category of " + context));
    }

    @Test
    void everyMessageHasExactlyOneExpectation() throws IOException, URISyntaxException {
        Path directory = Path.of(BounceCorpusTest.class.getResource(DIRECTORY).toURI());
        Set<String> messages;
        try (Stream<Path> files = Files.list(directory)) {
            messages = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".eml"))
                    .map(n -> n.substring(0, n.length() - ".eml".length())).collect(Collectors.toCollection(TreeSet::new));
        }
        List<String> named = cases().stream().map(Expected::name).toList();
        assertEquals(named.size(), new TreeSet<>(named).size(), "duplicate case names in expected.csv");
        assertEquals(messages, new TreeSet<>(named), "messages and expected.csv rows differ");
        assertTrue(messages.size() >= 34, "at least 34 cases, found " + messages.size());
    }

    @Test
    void corpusMessagesUseCrlfLineEnds() throws IOException, URISyntaxException {
        for (Expected expected : cases()) {
            byte[] raw = resource(DIRECTORY + expected.name() + ".eml");
            for (int i = 0; i < raw.length; i++) {
                if (raw[i] == '\n') {
                    assertTrue(i > 0 && raw[i - 1] == '\r', expected.name() + ": bare LF at byte " + i);
                }
            }
        }
    }

    @AfterAll
    static void printAccuracy() {
        if (ACCURACY.isEmpty()) {
            return;
        }
        StringBuilder table = new StringBuilder("\nBounce corpus accuracy (a case counts as correct when every column matches)\n");
        ACCURACY.forEach((name, counts) -> table.append(String.format("  %-40s %2d/%-2d correct%n", name + ":",
                counts[0], counts[1])));
        int correct = ACCURACY.entrySet().stream().filter(e -> e.getKey().startsWith("kind "))
                .mapToInt(e -> e.getValue()[0]).sum();
        int total = ACCURACY.entrySet().stream().filter(e -> e.getKey().startsWith("kind "))
                .mapToInt(e -> e.getValue()[1]).sum();
        table.append(String.format("  %-40s %2d/%-2d correct%n", "all cases:", correct, total));
        System.out.print(table);
    }

    private static Actual asActual(Expected expected) {
        return new Actual(expected.kind(), expected.bucket(), expected.recipients(), expected.hardness(),
                expected.status(), expected.category());
    }

    private static synchronized void count(String name, boolean correct) {
        int[] counts = ACCURACY.computeIfAbsent(name, n -> new int[2]);
        counts[0] += correct ? 1 : 0;
        counts[1]++;
    }

    private static List<String> list(String cell) {
        return cell.isEmpty() ? List.of() : Arrays.asList(cell.split(";", -1));
    }

    /** A per-recipient column that may hold empty values ("no status"). */
    private static List<String> split(String cell, int size) {
        List<String> values = Arrays.asList(cell.split(";", -1));
        assertEquals(size, values.size(), "values in '" + cell + "'");
        return values;
    }

    static byte[] resource(String name) {
        try (InputStream in = BounceCorpusTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
