package org.smtpeter.smtp.server;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.smtpeter.smtp.protocol.AuthThrottle;

/**
 * Blocks AUTH from a client address once it has failed {@code maxFailures} times within a
 * sliding window. Kept in memory per server instance; a cluster would share it in the data grid.
 */
public final class AuthFailureWindow implements AuthThrottle {

    private static final int MAX_TRACKED_ADDRESSES = 100_000;

    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

    public AuthFailureWindow(int maxFailures, Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    @Override
    public boolean isBlocked(String clientAddress) {
        Deque<Long> times = failures.get(clientAddress);
        if (times == null) {
            return false;
        }
        synchronized (times) {
            expire(times);
            return times.size() >= maxFailures;
        }
    }

    @Override
    public void failed(String clientAddress) {
        if (failures.size() > MAX_TRACKED_ADDRESSES) {
            failures.values().removeIf(times -> {
                synchronized (times) {
                    expire(times);
                    return times.isEmpty();
                }
            });
        }
        Deque<Long> times = failures.computeIfAbsent(clientAddress, address -> new ArrayDeque<>());
        synchronized (times) {
            expire(times);
            times.addLast(clock.millis());
        }
    }

    /**
     * Deliberately forgets nothing: otherwise a guesser holding one valid credential of its own
     * could log in with it between guesses and start every round from zero.
     */
    @Override
    public void succeeded(String clientAddress) {
        // failures expire with the window only
    }

    private void expire(Deque<Long> times) {
        long oldest = clock.millis() - window.toMillis();
        while (!times.isEmpty() && times.peekFirst() < oldest) {
            times.removeFirst();
        }
    }
}
