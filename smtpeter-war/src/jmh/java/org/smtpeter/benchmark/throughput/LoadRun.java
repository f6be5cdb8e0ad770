package org.smtpeter.benchmark.throughput;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One run of the load against one target: {@code messages} messages over {@code connections}
 * concurrent sessions of up to {@code perSession} messages each. Each message is tried once; a
 * failed reply counts as a failure (by stage and reply code), ends its session and a new one takes
 * over. Bounded in count (every message number is handed out once, failed logins are capped) and
 * in time (no message is started after {@code maxTime}; sockets time out after 60 s).
 */
final class LoadRun {

    static final String SENDER = "bench@bench.test";

    record Settings(int messages, int connections, int perSession, Duration maxTime) {
    }

    /**
     * What the load saw. {@code acceptedAt[i]} is when message {@code firstId + i} got its 250
     * (System.nanoTime()), 0 if it did not.
     */
    record Result(String label, int messages, int accepted, long[] acceptedAt, long firstId, long startedAt,
                  long lastReplyAt, Latencies endOfData, Latencies transaction, Latencies setup, int sessions,
                  Map<String, Long> failures, Map<String, String> failureSamples) {

        long failureCount() {
            return failures.values().stream().mapToLong(Long::longValue).sum();
        }

        double seconds() {
            return lastReplyAt > startedAt ? (lastReplyAt - startedAt) / 1e9 : Double.NaN;
        }
    }

    private final SmtpTarget target;
    private final Settings settings;
    private final NewsletterMessage message;
    private final String idPrefix;
    private final long firstId;

    private final AtomicInteger nextIndex = new AtomicInteger();
    private final AtomicInteger attempted = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicInteger failedLogins = new AtomicInteger();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong startedAt = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastReplyAt = new AtomicLong();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final Map<String, String> failureSamples = new ConcurrentHashMap<>();
    private final Set<LoadClient> open = ConcurrentHashMap.newKeySet();
    private final Latencies endOfData = new Latencies();
    private final Latencies transaction = new Latencies();
    private final Latencies setup = new Latencies();
    private final long[] acceptedAt;
    private long deadline;

    /** @param idPrefix and {@code firstId}: message i carries {@code X-Bench-Id: <idPrefix>-<firstId + i>} */
    LoadRun(SmtpTarget target, Settings settings, NewsletterMessage message, String idPrefix, long firstId) {
        this.target = target;
        this.settings = settings;
        this.message = message;
        this.idPrefix = idPrefix;
        this.firstId = firstId;
        this.acceptedAt = new long[settings.messages()];
    }

    Result execute(String label) throws InterruptedException {
        deadline = System.nanoTime() + settings.maxTime().toNanos();
        ExecutorService workers = Executors.newFixedThreadPool(settings.connections(), runnable -> {
            Thread thread = new Thread(runnable, "load-" + target.name());
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < settings.connections(); i++) {
            workers.execute(this::workUntilFailure);
        }
        workers.shutdown();
        // The workers stop starting messages at the deadline; a blocked read ends with the socket timeout.
        if (!workers.awaitTermination(settings.maxTime().toSeconds() + 90, TimeUnit.SECONDS)) {
            stop.set(true);
            open.forEach(LoadClient::close);
            workers.shutdownNow();
            workers.awaitTermination(30, TimeUnit.SECONDS);
        }
        int notStarted = settings.messages() - attempted.get();
        if (notStarted > 0) {
            fail("not sent (time limit or too many failed logins)", "", notStarted);
        }
        Map<String, Long> counted = new TreeMap<>();
        failures.forEach((key, count) -> counted.put(key, count.sum()));
        return new Result(label, settings.messages(), accepted.get(), acceptedAt.clone(), firstId,
                startedAt.get(), lastReplyAt.get(), endOfData, transaction, setup, sessions.get(), counted,
                new TreeMap<>(failureSamples));
    }

    /** A bug or a broken class path in the client ends the run with a failure to report, not a silent thread death. */
    private void workUntilFailure() {
        try {
            work();
        } catch (RuntimeException | Error e) {
            stop.set(true);
            fail("client error " + e.getClass().getSimpleName(), String.valueOf(e.getMessage()), 1);
        }
    }

    /**
     * Takes the messages a session sends as a block, so that there are exactly messages / perSession
     * sessions and none opens only to find nothing left. After a failure the rest of the block goes
     * over a new session.
     */
    private void work() {
        while (!stop.get() && System.nanoTime() < deadline) {
            int from = nextIndex.getAndAdd(settings.perSession());
            if (from >= settings.messages()) {
                return;
            }
            int to = Math.min(settings.messages(), from + settings.perSession());
            for (int next = from; next < to && !stop.get() && System.nanoTime() < deadline; ) {
                next = session(next, to);
            }
        }
    }

    /** One session for messages [from, to); returns the first message it did not try. */
    private int session(int from, int to) {
        LoadClient client = new LoadClient(target);
        open.add(client);
        try {
            long connectAt = System.nanoTime();
            startedAt.accumulateAndGet(connectAt, Math::min);
            try {
                client.open();
            } catch (IOException e) {
                failed(e);
                if (failedLogins.incrementAndGet() >= Math.max(20, settings.connections() * 3)) {
                    stop.set(true);
                }
                return from;
            }
            setup.add(System.nanoTime() - connectAt);
            sessions.incrementAndGet();
            for (int index = from; index < to; index++) {
                if (stop.get() || System.nanoTime() >= deadline) {
                    client.quit();
                    return index;
                }
                if (!send(client, index)) {
                    return index + 1; // the session is over; the caller opens a new one for the rest
                }
            }
            client.quit();
            return to;
        } finally {
            client.close();
            open.remove(client);
        }
    }

    private boolean send(LoadClient client, int index) {
        attempted.incrementAndGet();
        long id = firstId + index;
        String recipient = "rcpt-" + id + "@example.net";
        byte[] header = message.header(idPrefix + "-" + id, recipient);
        try {
            LoadClient.Timing timing = client.send(SENDER, recipient, header, message.body());
            acceptedAt[index] = timing.repliedAt();
            accepted.incrementAndGet();
            lastReplyAt.accumulateAndGet(timing.repliedAt(), Math::max);
            endOfData.add(timing.repliedAt() - timing.contentAt());
            transaction.add(timing.repliedAt() - timing.mailAt());
            return true;
        } catch (IOException e) {
            lastReplyAt.accumulateAndGet(System.nanoTime(), Math::max);
            failed(e);
            return false;
        }
    }

    private void failed(IOException e) {
        if (e instanceof LoadClient.ReplyException reply) {
            fail(reply.key(), reply.getMessage(), 1);
        } else {
            fail("I/O " + e.getClass().getSimpleName(), String.valueOf(e.getMessage()), 1);
        }
    }

    private void fail(String key, String sample, int count) {
        failures.computeIfAbsent(key, k -> new LongAdder()).add(count);
        failureSamples.putIfAbsent(key, sample);
    }
}
