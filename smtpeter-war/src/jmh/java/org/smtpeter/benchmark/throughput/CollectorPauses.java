package org.smtpeter.benchmark.throughput;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The relay's garbage collections, counted by the JDK's {@code jstat -gc} before and after a run:
 * with the serial collector every collection stops every thread, so their count and time explain
 * much of an end-of-DATA p99 and some of the CPU. Absent (empty) where jstat cannot attach.
 */
final class CollectorPauses {

    /** Counts and seconds since the JVM started; young and full collections. */
    record Totals(long young, double youngSeconds, long full, double fullSeconds) {

        /** What happened between {@code before} and this. */
        Totals since(Totals before) {
            return new Totals(young - before.young, youngSeconds - before.youngSeconds, full - before.full,
                    fullSeconds - before.fullSeconds);
        }

        String describe() {
            return String.format(Locale.ROOT, "%d young collections (%.2f s), %d full (%.2f s)",
                    young, youngSeconds, full, fullSeconds);
        }
    }

    private CollectorPauses() {
    }

    static Optional<Totals> of(long pid) {
        Path jstat = Path.of(System.getProperty("java.home"), "bin", "jstat");
        try {
            Process process = new ProcessBuilder(jstat.toString(), "-gc", String.valueOf(pid))
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return Optional.empty();
            }
            return parse(output);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** A header line of column names and a line of values; the columns are found by name. */
    static Optional<Totals> parse(String output) {
        List<String> lines = output.lines().filter(line -> !line.isBlank()).toList();
        if (lines.size() < 2) {
            return Optional.empty();
        }
        List<String> names = Arrays.asList(lines.get(0).trim().split("\\s+"));
        String[] values = lines.get(1).trim().split("\\s+");
        int young = names.indexOf("YGC");
        int youngTime = names.indexOf("YGCT");
        int full = names.indexOf("FGC");
        int fullTime = names.indexOf("FGCT");
        if (Math.min(Math.min(young, youngTime), Math.min(full, fullTime)) < 0 || values.length != names.size()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Totals(Long.parseLong(values[young]), Double.parseDouble(values[youngTime]),
                    Long.parseLong(values[full]), Double.parseDouble(values[fullTime])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
