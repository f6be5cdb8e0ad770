package org.smtpeter.benchmark.throughput;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The other half of a run: waits until the sink has every message the run got a 250 for (or the
 * timeout passed) and measures, per message, the time from that 250 to its arrival at the sink.
 */
final class Delivery {

    /**
     * {@code lastArrivalAt} in System.nanoTime(), 0 when nothing arrived; {@code sinkSessions} the
     * connections the sink accepted from the run's start until then.
     */
    record Result(int delivered, int expected, long lastArrivalAt, Latencies toSink, long sinkSessions) {

        boolean complete() {
            return delivered == expected;
        }
    }

    private Delivery() {
    }

    /** @param sinkSessionsBefore the sink's {@link SinkServer#sessions()} before the run */
    static Result await(SinkServer sink, LoadRun.Result load, long sinkSessionsBefore, Duration timeout)
            throws InterruptedException {
        List<Integer> pending = new ArrayList<>();
        long[] acceptedAt = load.acceptedAt();
        for (int i = 0; i < acceptedAt.length; i++) {
            if (acceptedAt[i] != 0) {
                pending.add(i);
            }
        }
        int expected = pending.size();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            // The arrival times come from the sink, so how often this looks does not change the figures.
            pending.removeIf(index -> sink.arrivalOf(load.firstId() + index) >= 0);
            if (!pending.isEmpty()) {
                Thread.sleep(20);
            }
        }
        Latencies toSink = new Latencies();
        long lastArrival = 0;
        int delivered = 0;
        for (int i = 0; i < acceptedAt.length; i++) {
            long arrival = sink.arrivalOf(load.firstId() + i);
            if (acceptedAt[i] != 0 && arrival >= 0) {
                delivered++;
                toSink.add(arrival - acceptedAt[i]);
                lastArrival = Math.max(lastArrival, arrival);
            }
        }
        return new Result(delivered, expected, lastArrival, toSink, sink.sessions() - sinkSessionsBefore);
    }
}
