package org.smtpeter.bounces.control;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts events per key within a sliding window and says when a key has had its share. Not
 * thread-safe: {@link BounceRates} guards it. Keys whose events have all expired are forgotten
 * once there are many of them, so memory stays bounded by the keys active within one window.
 */
final class SlidingWindow {

    private static final int SWEEP_ABOVE_KEYS = 10_000;

    private final int limit;
    private final long windowMillis;
    private final Map<String, Deque<Long>> events = new HashMap<>();

    SlidingWindow(int limit, Duration window) {
        this.limit = limit;
        this.windowMillis = window.toMillis();
    }

    /** Whether {@code key} may have one more event at {@code nowMillis}; nothing is counted. */
    boolean allows(String key, long nowMillis) {
        Deque<Long> times = events.get(key);
        if (times == null) {
            return true;
        }
        expire(times, nowMillis);
        return times.size() < limit;
    }

    void count(String key, long nowMillis) {
        if (events.size() > SWEEP_ABOVE_KEYS) {
            events.values().removeIf(times -> {
                expire(times, nowMillis);
                return times.isEmpty();
            });
        }
        events.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(nowMillis);
    }

    private void expire(Deque<Long> times, long nowMillis) {
        long oldest = nowMillis - windowMillis;
        while (!times.isEmpty() && times.peekFirst() <= oldest) {
            times.removeFirst();
        }
    }
}
