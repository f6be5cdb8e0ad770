package org.smtpeter.smtp.server;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.smtpeter.smtp.protocol.AuthThrottle;

/**
 * Allows a client ({@link ClientGroup}: an IPv4 address or an IPv6 /64) at most
 * {@code maxAttempts} AUTH attempts that end in a wrong password within a sliding window.
 *
 * <p>Each attempt takes its place in the window before its password is checked, under the
 * same lock as the count, so parallel connections cannot overshoot the limit; the right
 * password gives its place back. A refused attempt takes no place, so hammering a blocked
 * address does not make its block longer: the block ends one window after the oldest failure
 * in it. A success does not clear earlier failures, or a guesser holding one valid credential
 * of its own could start every round from zero.
 *
 * <p>Kept in memory per server instance; a cluster would share it in the data grid.
 */
public final class AuthFailureWindow implements AuthThrottle {

    private static final int MAX_TRACKED_CLIENTS = 100_000;

    private final int maxAttempts;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Long>> attempts = new ConcurrentHashMap<>();

    public AuthFailureWindow(int maxAttempts, Duration window, Clock clock) {
        this.maxAttempts = maxAttempts;
        this.window = window;
        this.clock = clock;
    }

    @Override
    public boolean tryAttempt(String clientAddress) {
        if (attempts.size() > MAX_TRACKED_CLIENTS) {
            forgetExpired();
        }
        Deque<Long> times = attempts.computeIfAbsent(ClientGroup.of(clientAddress), client -> new ArrayDeque<>());
        synchronized (times) {
            expire(times);
            if (times.size() >= maxAttempts) {
                return false;
            }
            times.addLast(clock.millis());
            return true;
        }
    }

    @Override
    public void refund(String clientAddress) {
        Deque<Long> times = attempts.get(ClientGroup.of(clientAddress));
        if (times != null) {
            synchronized (times) {
                times.pollLast();
            }
        }
    }

    private void forgetExpired() {
        attempts.values().removeIf(times -> {
            synchronized (times) {
                expire(times);
                return times.isEmpty();
            }
        });
    }

    private void expire(Deque<Long> times) {
        long oldest = clock.millis() - window.toMillis();
        while (!times.isEmpty() && times.peekFirst() <= oldest) {
            times.removeFirst();
        }
    }
}
