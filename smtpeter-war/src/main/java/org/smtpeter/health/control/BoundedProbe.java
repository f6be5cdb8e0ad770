package org.smtpeter.health.control;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Runs a probe that may hang (a database behind a dead network, a pool with no free connection)
 * on another thread, and waits for it only so long: the caller, a health or metrics request, always
 * gets an answer in time. At most one probe runs at a time; while one hangs, later callers wait for
 * that same one rather than start more, so a stuck resource costs one thread, not one per request.
 *
 * @param <T> what the probe finds out
 */
public final class BoundedProbe<T> {

    /** What one {@link #run()} found. */
    public sealed interface Outcome<T> permits Answered, Failed, TimedOut {
    }

    public record Answered<T>(T value) implements Outcome<T> {
    }

    public record Failed<T>(Throwable error) implements Outcome<T> {
    }

    /** The probe did not answer within the timeout; it has been running for {@code runningFor}. */
    public record TimedOut<T>(Duration runningFor) implements Outcome<T> {
    }

    private final Executor executor;
    private final Supplier<T> probe;
    private final Duration timeout;
    private final LongSupplier nanoTime;
    private CompletableFuture<T> running;
    private long startedAt;

    public BoundedProbe(Executor executor, Supplier<T> probe, Duration timeout) {
        this(executor, probe, timeout, System::nanoTime);
    }

    BoundedProbe(Executor executor, Supplier<T> probe, Duration timeout, LongSupplier nanoTime) {
        this.executor = executor;
        this.probe = probe;
        this.timeout = timeout;
        this.nanoTime = nanoTime;
    }

    /** Starts a probe unless one is still running, and waits at most the timeout for it. */
    public Outcome<T> run() {
        CompletableFuture<T> current;
        long started;
        synchronized (this) {
            if (running == null || running.isDone()) {
                try {
                    running = CompletableFuture.supplyAsync(probe, executor);
                } catch (RejectedExecutionException busy) {
                    running = null;
                    return new Failed<>(busy);
                }
                startedAt = nanoTime.getAsLong();
            }
            current = running;
            started = startedAt;
        }
        try {
            return new Answered<>(current.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException slow) {
            return new TimedOut<>(Duration.ofNanos(nanoTime.getAsLong() - started));
        } catch (ExecutionException e) {
            return new Failed<>(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Failed<>(e);
        }
    }
}
