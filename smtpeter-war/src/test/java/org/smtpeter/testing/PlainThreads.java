package org.smtpeter.testing;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.function.UnaryOperator;

import jakarta.enterprise.concurrent.ManagedThreadFactory;

/** A managed thread factory for unit tests: plain threads, optionally running something else than asked. */
public final class PlainThreads implements ManagedThreadFactory {

    private final UnaryOperator<Runnable> running;

    public PlainThreads() {
        this(task -> task);
    }

    /** @param running what a thread runs instead of the task it is given (e.g. nothing) */
    public PlainThreads(UnaryOperator<Runnable> running) {
        this.running = running;
    }

    @Override
    public Thread newThread(Runnable task) {
        return new Thread(running.apply(task));
    }

    @Override
    public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
        throw new UnsupportedOperationException();
    }
}
