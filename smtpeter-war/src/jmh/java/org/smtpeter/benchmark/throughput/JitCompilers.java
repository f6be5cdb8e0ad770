package org.smtpeter.benchmark.throughput;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The CPU a JVM's JIT compiler threads ("C1 CompilerThre…", "C2 CompilerThre…" in /proc) spent,
 * against the whole JVM's. JFR does not see these threads, and on this load they were still a
 * quarter of the relay's CPU 24,000 messages after its start (BENCHMARKS.md, 2026-12-07 night):
 * the warm-up goes on until their share is small, so that the comparison is of a settled relay.
 * A compiler thread that ends (the JVM adds and removes them as the queue grows and shrinks)
 * takes its ticks along, so the share is a lower bound.
 */
final class JitCompilers {

    /** Ticks of the compiler threads and of the whole JVM at one moment. */
    record Ticks(long compilers, long process) {

        /** The compilers' share of the JVM's CPU since {@code start}, when it can be told. */
        Optional<Share> since(Ticks start) {
            long process = this.process - start.process;
            return process > 0 ? Optional.of(new Share(Math.max(0, compilers - start.compilers) / (double) process))
                    : Optional.empty();
        }
    }

    /** A fraction between 0 and 1. */
    record Share(double fraction) {

        String describe() {
            return String.format(Locale.ROOT, "%.1f %% of the relay's CPU", fraction * 100);
        }
    }

    private JitCompilers() {
    }

    static Ticks of(long pid) {
        Path tasks = Path.of("/proc", String.valueOf(pid), "task");
        long compilers = 0;
        long process = 0;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path thread : threads) {
                String stat;
                try {
                    stat = Files.readString(thread.resolve("stat"), StandardCharsets.ISO_8859_1);
                } catch (IOException gone) {
                    continue;
                }
                long ticks = ticks(stat);
                process += ticks;
                if (isCompiler(stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')))) {
                    compilers += ticks;
                }
            }
        } catch (IOException e) {
            return new Ticks(0, 0); // the process is gone
        }
        return new Ticks(compilers, process);
    }

    static boolean isCompiler(String threadName) {
        return threadName.startsWith("C1 CompilerThre") || threadName.startsWith("C2 CompilerThre");
    }

    /** utime + stime of one thread (fields 14 and 15 of proc(5)). */
    static long ticks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
