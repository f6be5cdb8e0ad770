package org.smtpeter.benchmark.throughput;

import java.util.Arrays;

/**
 * Durations in nanoseconds, summarised as nearest-rank percentiles in milliseconds. Adding is
 * synchronized: the 16 load threads add a few thousand values per run, far below any contention.
 */
final class Latencies {

    private long[] values = new long[1024];
    private int size;

    synchronized void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    synchronized int count() {
        return size;
    }

    /** NaN when nothing was measured, so an empty column shows as such rather than as zero. */
    synchronized double percentileMillis(double percentile) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * size);
        return sorted[Math.max(0, Math.min(size, rank) - 1)] / 1_000_000.0;
    }
}
