package org.smtpeter.benchmark.throughput;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time and resident memory from /proc (Linux). For a process tree (the relay's JVM; the Postfix
 * master and its children) the CPU is the sum over the live processes of their own time plus the
 * time of the children they have reaped (cutime, cstime): a Postfix smtpd that served a session and
 * exited is thereby still counted, once its master has waited for it.
 */
final class ProcessStats {

    /** CPU in clock ticks; RSS summed over the processes, in KiB. */
    record Snapshot(long cpuTicks, long rssKib, int processes) {
    }

    private static final Path PROC = Path.of("/proc");
    private static long clockTicks;

    private ProcessStats() {
    }

    static Snapshot ofTree(long rootPid) {
        Map<Long, List<Long>> children = new HashMap<>();
        Map<Long, long[]> stats = new HashMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path entry : entries) {
                long[] stat = stat(entry.resolve("stat"));
                if (stat != null) {
                    long pid = Long.parseLong(entry.getFileName().toString());
                    stats.put(pid, stat);
                    children.computeIfAbsent(stat[0], parent -> new ArrayList<>()).add(pid);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc", e);
        }
        long cpu = 0;
        long rss = 0;
        int count = 0;
        Deque<Long> pending = new ArrayDeque<>(List.of(rootPid));
        while (!pending.isEmpty()) {
            long pid = pending.pop();
            long[] stat = stats.get(pid);
            if (stat == null) {
                continue; // gone in the meantime
            }
            cpu += stat[1];
            rss += rssKib(pid);
            count++;
            pending.addAll(children.getOrDefault(pid, List.of()));
        }
        return new Snapshot(cpu, rss, count);
    }

    /** Busy ticks of all CPUs of the machine: everything but idle and iowait, from /proc/stat. */
    static long machineBusyTicks() {
        try {
            String cpu = Files.readAllLines(PROC.resolve("stat"), StandardCharsets.US_ASCII).get(0);
            String[] fields = cpu.trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < Math.min(fields.length, 9); i++) {
                if (i != 4 && i != 5) { // idle, iowait; guest time is already part of user time
                    busy += Long.parseLong(fields[i]);
                }
            }
            return busy;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/stat", e);
        }
    }

    static double millis(long ticks) {
        return ticks * 1000.0 / clockTicksPerSecond();
    }

    /** {@code getconf CLK_TCK}, 100 on every usual Linux. */
    static synchronized long clockTicksPerSecond() {
        if (clockTicks == 0) {
            clockTicks = 100;
            try {
                Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
                String output = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
                if (getconf.waitFor() == 0 && output.matches("\\d+")) {
                    clockTicks = Long.parseLong(output);
                }
            } catch (IOException | InterruptedException e) {
                System.err.println("getconf CLK_TCK failed, assuming 100: " + e);
            }
        }
        return clockTicks;
    }

    /** {ppid, utime + stime + cutime + cstime}, or null when the process is gone. */
    private static long[] stat(Path file) {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return null;
        }
        // The command name may hold spaces and parentheses: the fields start after the last ')'.
        String[] fields = content.substring(content.lastIndexOf(')') + 2).split(" ");
        // fields[0] is field 3 of proc(5): ppid is field 4, utime..cstime are fields 14..17
        long cpu = Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                + Long.parseLong(fields[14]);
        return new long[] {Long.parseLong(fields[1]), cpu};
    }

    /** The resident memory of one process now, in KiB (0 when it is gone). */
    static long rssKib(long pid) {
        return statusKib(pid, "VmRSS:");
    }

    /** The most resident memory one process has had since it started (its high-water mark), in KiB. */
    static long peakRssKib(long pid) {
        return statusKib(pid, "VmHWM:");
    }

    private static long statusKib(long pid, String field) {
        try {
            for (String line : Files.readAllLines(PROC.resolve(pid + "/status"), StandardCharsets.ISO_8859_1)) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("\\D+", ""));
                }
            }
        } catch (IOException e) {
            // gone in the meantime
        }
        return 0;
    }
}
