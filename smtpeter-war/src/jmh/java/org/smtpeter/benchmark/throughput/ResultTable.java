package org.smtpeter.benchmark.throughput;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The one table of the benchmark, in Markdown (padded, so it reads as well in a terminal): a row per
 * run in the order they ran, then the best relay run against the best Postfix run, the details of
 * each run and what the columns mean.
 */
final class ResultTable {

    /** One run: what the load saw, what reached the sink, and what it cost. CPU per accepted message. */
    record Row(String label, boolean relay, LoadRun.Result load, Delivery.Result delivery,
               double cpuProcessMsPerMessage, double cpuMachineMsPerMessage, double rssMib, double otherCores,
               Optional<CollectorPauses.Totals> collections, Optional<JitCompilers.Share> jit) {

        double acceptedPerSecond() {
            return load.accepted() / load.seconds();
        }

        double deliveredPerSecond() {
            return delivery.lastArrivalAt() > load.startedAt()
                    ? delivery.delivered() / ((delivery.lastArrivalAt() - load.startedAt()) / 1e9)
                    : Double.NaN;
        }

        long failures() {
            return load.failureCount();
        }
    }

    private static final String[] COLUMNS = {
        "run", "accepted msg/s", "delivered msg/s", "end of DATA ms p50/p95/p99", "transaction ms p50/p95/p99",
        "setup ms p50/p95/p99", "250→sink ms p50/p99", "CPU ms/msg process", "CPU ms/msg machine", "RSS MiB",
        "failures",
    };

    private final List<String> header;
    private final List<String> notes;
    private final List<Row> rows = new ArrayList<>();
    /** Rows shown but left out of the best-run comparison: the relay's warm-up. */
    private final List<Row> notCompared = new ArrayList<>();
    private String relayMemory = "";

    ResultTable(List<String> header, List<String> notes) {
        this.header = header;
        this.notes = notes;
    }

    void add(Row row) {
        rows.add(row);
    }

    /** A run shown in the table and its details, but not one of those compared. */
    void addNotCompared(Row row) {
        rows.add(row);
        notCompared.add(row);
    }

    /** A line on the relay's memory over the whole benchmark, printed under the summary. */
    void relayMemory(String line) {
        relayMemory = line;
    }

    String render() {
        StringBuilder out = new StringBuilder("## SMTPeter relay and Postfix: throughput\n\n");
        header.forEach(line -> out.append(line).append("  \n"));
        out.append('\n');
        List<String[]> cells = new ArrayList<>();
        cells.add(COLUMNS);
        rows.forEach(row -> cells.add(cells(row)));
        int[] widths = new int[COLUMNS.length];
        for (String[] line : cells) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        for (int r = 0; r < cells.size(); r++) {
            out.append('|');
            for (int i = 0; i < COLUMNS.length; i++) {
                String cell = cells.get(r)[i];
                out.append(' ').append(i == 0 ? pad(cell, widths[i]) : padLeft(cell, widths[i])).append(" |");
            }
            out.append('\n');
            if (r == 0) {
                out.append('|');
                for (int i = 0; i < COLUMNS.length; i++) {
                    out.append(i == 0 ? "-".repeat(widths[i] + 2) : "-".repeat(widths[i] + 1) + ":").append('|');
                }
                out.append('\n');
            }
        }
        out.append('\n').append(summary()).append("\n\n");
        if (!relayMemory.isEmpty()) {
            out.append(relayMemory).append("\n\n");
        }
        busyBeforeRuns().ifPresent(warning -> out.append(warning).append("\n\n"));
        out.append("Runs:\n");
        rows.forEach(row -> out.append(details(row)));
        out.append("\nNotes:\n");
        for (int i = 0; i < notes.size(); i++) {
            out.append(i + 1).append(". ").append(notes.get(i)).append('\n');
        }
        return out.toString();
    }

    private String summary() {
        double relayAccepted = best(true, Row::acceptedPerSecond);
        double relayDelivered = best(true, Row::deliveredPerSecond);
        if (rows.stream().noneMatch(row -> !row.relay())) {
            return "Best relay run: " + number(relayAccepted, 1) + " accepted msg/s, " + number(relayDelivered, 1)
                    + " delivered msg/s; no Postfix run to compare with.";
        }
        double postfixAccepted = best(false, Row::acceptedPerSecond);
        double postfixDelivered = best(false, Row::deliveredPerSecond);
        return "Best relay vs best Postfix: accepted " + number(relayAccepted, 1) + " vs " + number(postfixAccepted, 1)
                + " msg/s (relay/Postfix " + number(relayAccepted / postfixAccepted, 2) + "), delivered "
                + number(relayDelivered, 1) + " vs " + number(postfixDelivered, 1) + " msg/s (relay/Postfix "
                + number(relayDelivered / postfixDelivered, 2) + ").";
    }

    /**
     * Other work on the machine distorts every column; the pause before each run shows it. A tenth
     * of the cores is more than a quiet machine's background.
     */
    private Optional<String> busyBeforeRuns() {
        int cores = Runtime.getRuntime().availableProcessors();
        List<String> busy = rows.stream().filter(row -> row.otherCores() > 0.1 * cores)
                .map(row -> row.label() + " " + number(row.otherCores(), 2)).toList();
        return busy.isEmpty() ? Optional.empty() : Optional.of("WARNING: other processes kept the machine busy"
                + " (cores, of " + cores + ", in the pause before " + String.join(", ", busy) + "): these figures"
                + " are unreliable; run again on a quiet machine.");
    }

    /** The best (highest) figure of the relay's or Postfix's runs, NaN when there is none. */
    private double best(boolean relay, ToDoubleFunction<Row> figure) {
        return rows.stream().filter(row -> row.relay() == relay && !notCompared.contains(row)).mapToDouble(figure)
                .filter(value -> !Double.isNaN(value)).max().orElse(Double.NaN);
    }

    private static String[] cells(Row row) {
        LoadRun.Result load = row.load();
        return new String[] {
            row.label(),
            number(row.acceptedPerSecond(), 1),
            number(row.deliveredPerSecond(), 1),
            percentiles(load.endOfData(), 50, 95, 99),
            percentiles(load.transaction(), 50, 95, 99),
            percentiles(load.setup(), 50, 95, 99),
            percentiles(row.delivery().toSink(), 50, 99),
            number(row.cpuProcessMsPerMessage(), 2),
            number(row.cpuMachineMsPerMessage(), 2),
            number(row.rssMib(), 0),
            String.valueOf(row.failures()),
        };
    }

    private static String details(Row row) {
        LoadRun.Result load = row.load();
        Delivery.Result delivery = row.delivery();
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "- %s: %d of %d accepted in %.2f s over %d sessions; %d of %d delivered to the sink in %.2f s over %d connections%s;"
                        + " other processes in the pause before: %.2f cores%n",
                row.label(), load.accepted(), load.messages(), load.seconds(), load.sessions(), delivery.delivered(),
                delivery.expected(), delivery.lastArrivalAt() > load.startedAt()
                        ? (delivery.lastArrivalAt() - load.startedAt()) / 1e9 : Double.NaN, delivery.sinkSessions(),
                delivery.complete() ? "" : " (NOT all delivered within the wait)", row.otherCores()));
        row.collections().ifPresent(collections -> line.append("  - the relay's garbage collections in it: ")
                .append(collections.describe()).append(String.format("%n")));
        row.jit().ifPresent(share -> line.append("  - the relay's JIT compiler threads in it: ")
                .append(share.describe()).append(String.format("%n")));
        for (Map.Entry<String, Long> failure : load.failures().entrySet()) {
            line.append(String.format(Locale.ROOT, "  - failed: %s ×%d, e.g. %s%n", failure.getKey(), failure.getValue(),
                    load.failureSamples().get(failure.getKey())));
        }
        return line.toString();
    }

    private static String percentiles(Latencies latencies, double... percentiles) {
        StringBuilder cell = new StringBuilder();
        for (double percentile : percentiles) {
            cell.append(cell.length() == 0 ? "" : " / ").append(number(latencies.percentileMillis(percentile), 1));
        }
        return cell.toString();
    }

    private static String number(double value, int decimals) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "n/a" : String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }

    private static String padLeft(String text, int width) {
        return " ".repeat(width - text.length()) + text;
    }
}
