package org.smtpeter.platform.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Counts per key in fixed windows that open with the first count: up to a limit per window, and
 * a count that is refused changes nothing, so refused tries never extend a window. Memory is
 * bounded: expired windows are dropped, and past the capacity the oldest window is forgotten
 * (its key then counts from zero again, which errs towards letting through, never towards
 * blocking).
 *
 * <p>Thread-safe; every call takes one short lock, no I/O happens under it.
 */
public final class WindowCounts<K> {

    private final Duration window;
    private final int capacity;
    private final Clock clock;
    /** In the order the windows opened, so the oldest (and first to expire) is always first. */
    private final LinkedHashMap<K, Window> windows = new LinkedHashMap<>();

    public WindowCounts(Duration window, int capacity, Clock clock) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the window must be positive, not " + window);
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("the capacity must be at least 1, not " + capacity);
        }
        this.window = window;
        this.capacity = capacity;
        this.clock = clock;
    }

    /**
     * Counts one for {@code key} when its window has fewer than {@code limit} counts (opening a
     * new window when there is none).
     *
     * @param limit at least 1
     * @return whether it was counted; false leaves everything as it was
     */
    public synchronized boolean tryCount(K key, int limit) {
        Instant now = clock.instant();
        dropExpired(now);
        Window current = windows.get(key);
        if (current == null) {
            if (windows.size() >= capacity) {
                Iterator<Window> oldest = windows.values().iterator();
                oldest.next();
                oldest.remove();
            }
            windows.put(key, new Window(now.plus(window), 1));
            return true;
        }
        if (current.count >= limit) {
            return false;
        }
        current.count++;
        return true;
    }

    /** Takes back one count of {@code key}'s current window, e.g. for a login that turned out right. */
    public synchronized void uncount(K key) {
        Window current = windows.get(key);
        if (current != null && current.count > 0) {
            current.count--;
        }
    }

    /** When the window of {@code key} ends, if it has one. */
    public synchronized Optional<Instant> windowEnd(K key) {
        dropExpired(clock.instant());
        return Optional.ofNullable(windows.get(key)).map(w -> w.end);
    }

    /** How many windows are held now; for tests of the bound. */
    public synchronized int size() {
        dropExpired(clock.instant());
        return windows.size();
    }

    private void dropExpired(Instant now) {
        Iterator<Map.Entry<K, Window>> oldest = windows.entrySet().iterator();
        while (oldest.hasNext()) {
            if (oldest.next().getValue().end.isAfter(now)) {
                return;
            }
            oldest.remove();
        }
    }

    private static final class Window {

        private final Instant end;
        private int count;

        private Window(Instant end, int count) {
            this.end = end;
            this.count = count;
        }
    }
}
