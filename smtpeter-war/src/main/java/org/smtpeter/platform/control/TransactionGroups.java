package org.smtpeter.platform.control;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit: work that threads hand in at about the same time goes through one transaction,
 * so that it shares the commit (on H2 the writing of every changed page, on PostgreSQL the flush
 * of the log) and the container's work around a transaction. Each caller still waits until the
 * transaction that holds its work has committed, and hears of its failure. Unless told to gather
 * (for callers that do not notice a few milliseconds), nothing waits to fill a group: a committer
 * takes what is waiting when it is free, so lone work goes through at once, and under load the
 * groups grow by themselves.
 *
 * <p>A group that fails is done again one by one, so that one item's fault does not fail the
 * others. A commit whose answer was lost (the database going away at that moment) may have
 * committed them: the work must be safe to do twice, as a client sending again after a 4xx is.
 *
 * <p>One committer: the next group gathers while it commits. With two, each took half as much
 * (intake 4.1 instead of 7.5 messages per transaction) and the relay did more work for the same
 * mail, since H2 writes its commits one at a time anyway (BENCHMARKS.md, 2026-12-07). So that a
 * commit which hangs (a database going away) cannot hold every caller behind it, work that the
 * committer has not taken within {@code queueWait} is handed back uncommitted: the caller fails
 * (a client gets a 4xx) and nothing of it reached the database.
 *
 * @param <T> what a caller hands in
 * @param <R> what it gets back once committed
 */
public final class TransactionGroups<T, R> {

    private static final Logger LOG = Logger.getLogger(TransactionGroups.class.getName());
    private final String name;
    private final int maxGroup;
    private final long queueWaitNanos;
    private final long gatherNanos;
    private final Function<List<T>, List<R>> together;
    private final Function<T, R> alone;
    private final BlockingQueue<Waiting<T, R>> waiting = new LinkedBlockingQueue<>();
    private Thread committer;
    private volatile boolean running;
    /** Only the committer's: whether the last group held more than one, i.e. there is load. */
    private boolean lastGroupShared;

    private record Waiting<T, R>(T item, CompletableFuture<R> answer) {
    }

    /**
     * @param name      names the committer thread
     * @param maxGroup  a bigger group holds its first ones back
     * @param queueWait how long work may wait for the committer before it is handed back uncommitted
     * @param together  one transaction for all, answers in the same order
     * @param alone     one transaction for one item
     */
    public TransactionGroups(String name, int maxGroup, Duration queueWait, Function<List<T>, List<R>> together,
                             Function<T, R> alone) {
        this(name, maxGroup, queueWait, Duration.ZERO, together, alone);
    }

    /**
     * @param gather how long the committer waits for more once it has taken work, when the group
     *               is not full and there is load (the last group held more than one): fewer,
     *               larger transactions, for a wait the callers do not notice
     */
    public TransactionGroups(String name, int maxGroup, Duration queueWait, Duration gather,
                             Function<List<T>, List<R>> together, Function<T, R> alone) {
        this.name = name;
        this.maxGroup = maxGroup;
        this.queueWaitNanos = queueWait.toNanos();
        this.gatherNanos = gather.toNanos();
        this.together = together;
        this.alone = alone;
    }

    /** @param threads threads that keep the application's context, for the transactions */
    public void start(ThreadFactory threads) {
        running = true;
        committer = threads.newThread(this::commitWhileRunning);
        committer.setName(name);
        committer.start();
    }

    /** What is waiting gets until {@code deadlineMillis} ({@link System#currentTimeMillis()}); then it fails. */
    public void stop(long deadlineMillis) {
        running = false;
        if (committer != null) {
            try {
                committer.join(Math.max(1, deadlineMillis - System.currentTimeMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Waiting<T, R> left = waiting.poll(); left != null; left = waiting.poll()) {
            left.answer().completeExceptionally(new IllegalStateException("the relay is stopping"));
        }
    }

    /**
     * Commits the item with whatever else is waiting; once stopped, alone on the caller's thread.
     *
     * @return its answer, once the transaction that holds it has committed
     * @throws RuntimeException when it was not committed (or, as for any commit that fails, it is
     *                          not known whether it was); {@link NotTaken} when the committer did not
     *                          take it within the queue wait, so that it certainly was not
     */
    public R commit(T item) {
        if (!running) {
            return alone.apply(item);
        }
        Waiting<T, R> mine = new Waiting<>(item, new CompletableFuture<>());
        waiting.add(mine);
        if (!running && waiting.remove(mine)) {
            return alone.apply(item); // stopping: the committer may be gone already
        }
        try {
            try {
                return mine.answer().get(queueWaitNanos, TimeUnit.NANOSECONDS);
            } catch (TimeoutException slow) {
                if (waiting.remove(mine)) {
                    throw new NotTaken(name + ": the committer has been busy with one commit for "
                            + Duration.ofNanos(queueWaitNanos).toSeconds() + " s; not committed");
                }
                return mine.answer().get(); // taken meanwhile: what its commit does is the answer
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // Taken back while it still waits, it is never committed: the caller's failure is then the whole truth.
            waiting.remove(mine);
            throw new IllegalStateException("interrupted while waiting for the commit", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    /** Work handed back because the committer did not take it in time: it never reached the database. */
    public static final class NotTaken extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        NotTaken(String message) {
            super(message);
        }
    }

    /** How many items wait for a committer. */
    public int waitingCount() {
        return waiting.size();
    }

    private void commitWhileRunning() {
        while (running || !waiting.isEmpty()) {
            try {
                Waiting<T, R> first = waiting.poll(100, TimeUnit.MILLISECONDS);
                if (first != null) {
                    List<Waiting<T, R>> group = new ArrayList<>(maxGroup);
                    group.add(first);
                    gather(group);
                    commit(group);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                // commit() has answered every item of its group; the committer goes on whatever happened
                LOG.log(Level.SEVERE, "a committer (" + name + ") failed; it goes on", e);
            }
        }
    }

    /**
     * What waits now and, for the gathering time, what comes meanwhile, up to a full group. An
     * interrupt ends the gathering, not the group: what was taken is committed and answered.
     */
    private void gather(List<Waiting<T, R>> group) {
        waiting.drainTo(group, maxGroup - group.size());
        // Without load there is nothing to wait for: lone work goes through at once.
        long deadline = System.nanoTime() + (lastGroupShared || group.size() > 1 ? gatherNanos : 0);
        try {
            while (group.size() < maxGroup) {
                long left = deadline - System.nanoTime();
                Waiting<T, R> next = left > 0 ? waiting.poll(left, TimeUnit.NANOSECONDS) : null;
                if (next == null) {
                    return;
                }
                group.add(next);
                waiting.drainTo(group, maxGroup - group.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lastGroupShared = group.size() > 1;
        }
    }

    private void commit(List<Waiting<T, R>> group) {
        try {
            List<R> answers = together.apply(group.stream().map(Waiting::item).toList());
            for (int i = 0; i < group.size(); i++) {
                group.get(i).answer().complete(answers.get(i));
            }
        } catch (RuntimeException failed) {
            if (group.size() == 1) {
                group.get(0).answer().completeExceptionally(failed);
                return;
            }
            LOG.log(Level.FINE, "a group of " + group.size() + " failed (" + name + "); committing them one by one", failed);
            group.forEach(this::commitAlone);
        } finally {
            // Whatever went wrong (an Error), nobody waits for ever. Only for those not answered yet:
            // an exception's stack trace per message and commit was 0.15 % of all allocation.
            group.stream().filter(item -> !item.answer().isDone())
                    .forEach(item -> item.answer().completeExceptionally(new IllegalStateException("not committed")));
        }
    }

    private void commitAlone(Waiting<T, R> item) {
        try {
            item.answer().complete(alone.apply(item.item()));
        } catch (RuntimeException failed) {
            item.answer().completeExceptionally(failed);
        }
    }
}
