package org.smtpeter.platform.control;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Work done in rounds by one thread at a time, for pollers that are also woken up: a round
 * returns whether there may be more, and a wake-up that arrives while rounds run makes them
 * look once more instead of being lost. Callers catch what a round throws.
 */
public final class Rounds {

    private final BooleanSupplier round;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wakeRequested = new AtomicBoolean();
    private volatile boolean stopped;

    /** @param round does one batch of work; true when there may be more right away */
    public Rounds(BooleanSupplier round) {
        this.round = round;
    }

    /** Asks for another look; call {@link #run()} (on any thread) afterwards. */
    public void wake() {
        wakeRequested.set(true);
    }

    /** Runs rounds until there is no more work; returns at once if another thread is running them. */
    public void run() {
        while (!stopped && running.compareAndSet(false, true)) {
            try {
                do {
                    wakeRequested.set(false);
                    while (!stopped && round.getAsBoolean()) {
                        // there may be more
                    }
                } while (wakeRequested.get() && !stopped);
            } finally {
                running.set(false);
            }
            // A wake-up between the last look and the release found us still running: look again.
            if (!wakeRequested.get()) {
                return;
            }
        }
    }

    public void stop() {
        stopped = true;
    }

    public boolean isStopped() {
        return stopped;
    }
}
