package org.smtpeter.benchmark.throughput;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The project's throughput benchmark: the built relay on Payara Micro and, where Debian's Postfix
 * can run, a Postfix configured as the same kind of relay, both handing their mail to one
 * {@link SinkServer}, driven in turn by the same load ({@link LoadRun}: STARTTLS, AUTH PLAIN,
 * a 10.75 KB HTML newsletter) and compared in one table. It prints figures and asserts none.
 *
 * <pre>
 * mvn -B -Pthroughput -pl smtpeter-war -am verify
 *     [-Dthroughput.messages=2000] [-Dthroughput.connections=16] [-Dthroughput.per-session=10]
 *     [-Dthroughput.rounds=2] [-Dthroughput.database=h2|postgresql] [-Dthroughput.peer=auto|none]
 *     [-Dthroughput.max-seconds=300] [-Dthroughput.warmup=8000] [-Dthroughput.warmup-runs=8]
 *     [-Dthroughput.settled=0.10]
 * </pre>
 *
 * The runs alternate (relay, Postfix, relay, ...) because a shared machine is noisy; the table shows
 * every run and the best of each. Everything lives in smtpeter-war/target/throughput/: the relay's
 * working directory and database, the Postfix instance, logs, and the table as result.md. All
 * traffic stays on 127.0.0.1; every loop is bounded in count and time; the relay and Postfix are
 * stopped at the end, also on failure and on Ctrl-C.
 */
public final class ThroughputBenchmark {

    private static final Duration PAUSE_BETWEEN_RUNS = Duration.ofSeconds(3);
    private static final Duration DELIVERY_WAIT = Duration.ofSeconds(120);
    /** How long the relay is left idle after the benchmark before its resident memory is read again. */
    private static final Duration IDLE_BEFORE_MEMORY = Duration.ofSeconds(15);

    /** The -Dthroughput.* settings; the paths come from the Maven profile. */
    record Options(int messages, int connections, int perSession, int rounds, String database, String peer,
                   int maxSeconds, int warmup, int warmupRuns, double settled, Path microDir, Path war, Path serverConfigMicro, Path workDir,
                   String payaraVersion) {

        static Options fromSystemProperties() {
            return new Options(
                    positive("throughput.messages", 2000),
                    positive("throughput.connections", 16),
                    positive("throughput.per-session", 10),
                    positive("throughput.rounds", 2),
                    System.getProperty("throughput.database", "h2"),
                    System.getProperty("throughput.peer", "auto"),
                    positive("throughput.max-seconds", 300),
                    Integer.parseInt(System.getProperty("throughput.warmup", "8000")),
                    positive("throughput.warmup-runs", 8),
                    Double.parseDouble(System.getProperty("throughput.settled", "0.10")),
                    path("throughput.micro-dir"),
                    path("throughput.war"),
                    path("throughput.server-config"),
                    path("throughput.work-dir"),
                    System.getProperty("throughput.payara-version", "?"));
        }

        LoadRun.Settings load(int count) {
            return new LoadRun.Settings(count, connections, perSession, Duration.ofSeconds(maxSeconds));
        }

        private static int positive(String name, int fallback) {
            int value = Integer.parseInt(System.getProperty(name, String.valueOf(fallback)));
            if (value < 1) {
                throw new IllegalArgumentException("-D" + name + " must be at least 1");
            }
            return value;
        }

        private static Path path(String name) {
            String value = System.getProperty(name);
            if (value == null) {
                throw new IllegalStateException("-D" + name + " is not set; start the benchmark with"
                        + " mvn -B -Pthroughput -pl smtpeter-war -am verify");
            }
            return Path.of(value).toAbsolutePath().normalize();
        }
    }

    private final Options options;
    private final RelayDatabase database;
    private final NewsletterMessage message = NewsletterMessage.load();
    /** Marks this benchmark's mail, so that the sink ignores what an earlier, aborted run left queued. */
    private final String idPrefix = HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
    private long nextId = 1;
    private volatile SinkServer sink;
    private volatile RelayProcess relay;
    private volatile PostfixPeer peer;
    /** PostgreSQL with autovacuum off: the relay's tables are analyzed before each of its runs. */
    private boolean analyzeBeforeRuns;

    private ThroughputBenchmark(Options options) {
        this.options = options;
        this.database = RelayDatabase.of(options.database());
    }

    public static void main(String[] args) {
        ThroughputBenchmark benchmark = new ThroughputBenchmark(Options.fromSystemProperties());
        Runtime.getRuntime().addShutdownHook(new Thread(benchmark::stopAll, "throughput-stop"));
        int status = 0;
        try {
            benchmark.run();
        } catch (Exception | Error e) {
            System.err.println("Throughput benchmark failed: " + e);
            e.printStackTrace();
            status = 1;
        } finally {
            benchmark.stopAll();
        }
        System.exit(status);
    }

    private void run() throws IOException, InterruptedException {
        Path workDir = options.workDir();
        Path relayDir = workDir.resolve("relay");
        Files.createDirectories(workDir);
        deleteTree(relayDir); // a fresh database and certificate every time; the user's smtpeter-data/ is never used

        sink = SinkServer.start(idPrefix);
        say("Sink: 127.0.0.1:" + sink.port());

        say("Relay: starting Payara Micro (" + database.describe() + "), log " + workDir.resolve("relay.log"));
        long relayStart = System.nanoTime();
        Path postBoot = database.writePostBootFile(options.serverConfigMicro(), relayDir.resolve("smtpeter-data"),
                workDir.resolve("postboot-" + options.database() + ".asadmin"));
        relay = RelayProcess.launch(options.microDir(), options.war(), postBoot, relayDir, workDir.resolve("relay.log"),
                sink.port());
        relay.awaitReady();
        SmtpTarget relayTarget = relay.newCredential();
        say(String.format("Relay: ready in %.1f s, pid %d, submission 127.0.0.1:%d, credential %s (all features on)",
                (System.nanoTime() - relayStart) / 1e9, relay.pid(), relayTarget.port(), relayTarget.username()));
        analyzeBeforeRuns = database.needsAnalyze();
        if (analyzeBeforeRuns) {
            say("PostgreSQL: autovacuum is off on this server; the relay's tables are analyzed before each relay run,"
                    + " as autovacuum would as they grow");
        }

        Optional<String> peerMissing = PostfixPeer.whyUnavailable(options.peer());
        if (peerMissing.isEmpty()) {
            try {
                peer = PostfixPeer.in(workDir, sink.port());
                peer.start();
                say("Postfix peer: " + peer.version() + ", submission 127.0.0.1:" + PostfixPeer.SUBMISSION_PORT
                        + ", master pid " + peer.masterPid() + ", log " + workDir.resolve("postfix/log/postfix.log"));
            } catch (IOException e) {
                stopPeer();
                peerMissing = Optional.of("start failed: " + e.getMessage());
            }
        }
        peerMissing.ifPresent(why -> say("Postfix peer: not available (" + why + "); the relay runs alone"));

        ResultTable table = new ResultTable(header(), notes());
        warmUp(table, relayTarget);
        for (int round = 1; round <= options.rounds(); round++) {
            table.add(measure("relay round " + round, true, relayTarget, relay.pid(), options.messages()));
            if (peer != null) {
                table.add(measure("postfix round " + round, false, peer.target(), peer.masterPid(), options.messages()));
            }
        }
        table.relayMemory(relayMemory(relay.pid()));
        if (sink.duplicates() > 0 || sink.strays() > 0) {
            say("Sink: " + sink.duplicates() + " duplicate deliveries, " + sink.strays() + " messages not of this benchmark");
        }
        String result = table.render();
        Path resultFile = workDir.resolve("result.md");
        Files.writeString(resultFile, result, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(result);
        say("Written to " + resultFile);
    }

    /**
     * Runs of {@code warmup} messages until the relay's JIT compilers took less than the
     * {@code settled} share of its CPU in one of them, or {@code warmup-runs} are done. Each is
     * shown, so that the figures of a relay just started are on record beside the settled ones.
     */
    private void warmUp(ResultTable table, SmtpTarget relayTarget) throws IOException, InterruptedException {
        if (options.warmup() <= 0) {
            return;
        }
        say(String.format(Locale.ROOT, "Warm-up: runs of %d messages to the relay until its JIT compilers take less"
                        + " than %.0f %% of its CPU in one (at most %d runs), shown but not compared",
                options.warmup(), options.settled() * 100, options.warmupRuns()));
        for (int run = 1; run <= options.warmupRuns(); run++) {
            ResultTable.Row row = measure("relay warm-up " + run, true, relayTarget, relay.pid(), options.warmup());
            table.addNotCompared(row);
            if (row.jit().map(share -> share.fraction() < options.settled()).orElse(true)) {
                say("Warm-up: settled after " + run + " runs");
                return;
            }
        }
        say("Warm-up: the JIT compilers were still busy after " + options.warmupRuns() + " runs; measuring anyway");
    }

    /** One run against one target; CPU is counted from just before the first connect to the last arrival at the sink. */
    private ResultTable.Row measure(String label, boolean isRelay, SmtpTarget target, long rootPid, int count)
            throws IOException, InterruptedException {
        if (isRelay && analyzeBeforeRuns) {
            database.analyze();
        }
        double otherCores = pause();
        ProcessStats.Snapshot before = ProcessStats.ofTree(rootPid);
        Optional<CollectorPauses.Totals> collectionsBefore = isRelay ? CollectorPauses.of(rootPid) : Optional.empty();
        JitCompilers.Ticks jitBefore = JitCompilers.of(rootPid);
        long machineBefore = ProcessStats.machineBusyTicks();
        long sinkSessions = sink.sessions();
        LoadRun.Result load = new LoadRun(target, options.load(count), message, idPrefix, nextId).execute(label);
        nextId += count;
        Delivery.Result delivery = Delivery.await(sink, load, sinkSessions, DELIVERY_WAIT);
        long machineAfter = ProcessStats.machineBusyTicks();
        ProcessStats.Snapshot after = ProcessStats.ofTree(rootPid);
        Optional<CollectorPauses.Totals> collections = collectionsBefore.flatMap(
                start -> CollectorPauses.of(rootPid).map(end -> end.since(start)));
        Optional<JitCompilers.Share> jit = isRelay ? JitCompilers.of(rootPid).since(jitBefore) : Optional.empty();
        double perMessage = load.accepted() == 0 ? Double.NaN : 1.0 / load.accepted();
        ResultTable.Row row = new ResultTable.Row(label, isRelay, load, delivery,
                ProcessStats.millis(after.cpuTicks() - before.cpuTicks()) * perMessage,
                ProcessStats.millis(machineAfter - machineBefore) * perMessage,
                after.rssKib() / 1024.0, otherCores, collections, jit);
        say(String.format("%s: %d/%d accepted (%.1f msg/s), %d delivered (%.1f msg/s), %d failures%s",
                label, load.accepted(), count, row.acceptedPerSecond(), delivery.delivered(), row.deliveredPerSecond(),
                load.failureCount(), jit.map(share -> "; JIT compilers " + share.describe()).orElse("")));
        return row;
    }

    /**
     * The relay's resident memory right after the benchmark, once it has been idle a while (when
     * the collector gives back what the load made it take), and the most it held at any time.
     */
    private String relayMemory(long pid) throws InterruptedException {
        long rightAfter = ProcessStats.rssKib(pid);
        Thread.sleep(IDLE_BEFORE_MEMORY.toMillis());
        return String.format("Relay memory: RSS %.0f MiB right after the benchmark, %.0f MiB after %d s idle;"
                        + " at most %.0f MiB at any time since it started (VmHWM).",
                rightAfter / 1024.0, ProcessStats.rssKib(pid) / 1024.0, IDLE_BEFORE_MEMORY.toSeconds(),
                ProcessStats.peakRssKib(pid) / 1024.0);
    }

    /**
     * Lets the previous run's trailing work finish, and meanwhile measures how many cores processes
     * other than the relay, Postfix and this benchmark keep busy: their work distorts every figure.
     */
    private double pause() throws InterruptedException {
        // This JVM's tree holds the relay; the Postfix master runs detached from it.
        List<Long> own = new ArrayList<>(List.of(ProcessHandle.current().pid()));
        if (peer != null) {
            try {
                own.add(peer.masterPid());
            } catch (IOException e) {
                // not running: nothing of it to leave out
            }
        }
        long start = System.nanoTime();
        long machine = ProcessStats.machineBusyTicks();
        long ours = own.stream().mapToLong(pid -> ProcessStats.ofTree(pid).cpuTicks()).sum();
        Thread.sleep(PAUSE_BETWEEN_RUNS.toMillis());
        long othersTicks = ProcessStats.machineBusyTicks() - machine
                - (own.stream().mapToLong(pid -> ProcessStats.ofTree(pid).cpuTicks()).sum() - ours);
        return Math.max(0, ProcessStats.millis(othersTicks)) / ((System.nanoTime() - start) / 1e6);
    }

    private List<String> header() {
        String sample = idPrefix + "-" + (nextId + options.messages());
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%s, nproc %d, %s, Java %s (%s), Payara Micro %s%s, database %s",
                OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
                Runtime.getRuntime().availableProcessors(), cpuModel(), System.getProperty("java.runtime.version"),
                System.getProperty("java.vm.vendor"), options.payaraVersion(),
                peer != null ? ", Postfix " + peer.version() : "", database.describe()));
        lines.add(String.format("Load: %,d messages per run of %,d bytes (HTML newsletter, multipart/alternative),"
                        + " %d connections, %d messages per session, STARTTLS + AUTH PLAIN, one recipient each;"
                        + " credential with every feature on",
                options.messages(), message.size(sample, "rcpt-" + nextId + "@example.net"), options.connections(),
                options.perSession()));
        return lines;
    }

    private List<String> notes() {
        List<String> notes = new ArrayList<>();
        notes.add((options.warmup() > 0 ? "Before the measured runs the relay got warm-up runs of " + options.warmup()
                + " messages (the rows \"relay warm-up\") until its JIT compilers took less than "
                + Math.round(options.settled() * 100) + " % of its CPU in one, at most " + options.warmupRuns()
                + ": on this load they compile for the first 50,000 or so messages (BENCHMARKS.md, 2026-12-07 night),"
                + " which a relay in service long has behind it; the best-run comparison leaves them out."
                : "No warm-up run (-Dthroughput.warmup=0).") + " The runs alternate; both servers keep running (idle)"
                + " during the other's runs; each run starts " + PAUSE_BETWEEN_RUNS.toSeconds()
                + " s after the previous one was delivered.");
        notes.add("accepted msg/s: accepted messages / time from the first connect to the last final reply. "
                + "delivered msg/s: messages that reached the sink / time from the first connect until the sink had"
                + " them all (waiting at most " + DELIVERY_WAIT.toSeconds() + " s after the load).");
        notes.add("end of DATA: from writing the content to the final reply; transaction: MAIL FROM to the final reply;"
                + " setup: connect to 235 after greeting, EHLO, STARTTLS (a full handshake every session), EHLO and"
                + " AUTH PLAIN. The relay checks a PBKDF2 hash of the password at AUTH; Cyrus sasldb, Postfix's, keeps"
                + " the password itself. 250→sink: from the client reading 250 to the sink having the message.");
        notes.add("CPU ms/msg process: user + system CPU of the relay's JVM, or of the Postfix master and all its"
                + " processes including those that exited and were reaped (cutime/cstime), over the run until the"
                + " last delivery, per accepted message. With PostgreSQL the database server's CPU is not in it."
                + (analyzeBeforeRuns ? " PostgreSQL's autovacuum is off on this server, so the benchmark analyzes the"
                        + " relay's tables before each relay run, as autovacuum would as they grow; without statistics"
                        + " PostgreSQL reads whole tables for every batch of deliveries." : ""));
        notes.add("CPU ms/msg machine: all busy CPU of the machine (/proc/stat) in the same window, per accepted"
                + " message; it includes the load client and the sink (the same work for both) and anything else"
                + " running on the machine (see \"other processes\" under Runs: the cores they kept busy in the pause"
                + " before the run).");
        notes.add("RSS MiB: VmRSS after the run; for Postfix summed over its processes, which counts shared pages"
                + " once per process and so overstates it.");
        notes.add("Both run with their defaults apart from ports, TLS certificate, smart host (the sink, plain SMTP)"
                + " and, for Postfix, the services a relay does not need.");
        return notes;
    }

    /** Also the shutdown hook: whatever was started is stopped, whether the benchmark ended or was interrupted. */
    private synchronized void stopAll() {
        stopPeer();
        if (relay != null) {
            relay.close();
            relay = null;
        }
        if (sink != null) {
            sink.close();
            sink = null;
        }
    }

    private synchronized void stopPeer() {
        if (peer != null) {
            peer.close();
            peer = null;
        }
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(line -> line.startsWith("model name")).findFirst()
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static void say(String line) {
        System.out.println("[throughput] " + line);
        System.out.flush();
    }
}
