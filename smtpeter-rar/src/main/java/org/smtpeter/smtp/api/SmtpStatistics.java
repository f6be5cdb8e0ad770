package org.smtpeter.smtp.api;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the SMTP listeners have done since the adapter started, per listener role: the adapter
 * counts where things happen, the application reads the counts (as MicroProfile Metrics gauges)
 * and is told how long each acceptance took. The adapter has neither CDI nor a metrics library;
 * each adapter counts in one instance, which the application reaches through {@link AdapterStatus}.
 *
 * <p>Thread-safe. Every count only grows, except {@link #openConnections}.
 */
public final class SmtpStatistics {

    /** The listener roles' keys, as in configuration keys and {@link Client#listenerRole()}. */
    public static final List<String> ROLES = java.util.Arrays.stream(ListenerRole.values()).map(ListenerRole::key).toList();

    private static final Logger LOG = Logger.getLogger(SmtpStatistics.class.getName());

    /** What is counted per role. */
    public enum Count {
        /** TCP connections accepted, including those turned away at the connection limit. */
        CONNECTIONS,
        /** Connections answered {@code 421} at once: the connection limit, or no worker thread. */
        CONNECTIONS_REFUSED,
        /** SMTP sessions: the client got the {@code 220} greeting (on smtps after the TLS handshake). */
        SESSIONS,
        /** AUTH answered {@code 235}. */
        AUTH_SUCCEEDED,
        /** AUTH answered {@code 535}: the user name or password is wrong. */
        AUTH_FAILED,
        /** AUTH answered {@code 421}: too many failures from the client's address. */
        AUTH_THROTTLED,
        /** Messages answered with a 2xx at the end of the data. */
        MESSAGES_ACCEPTED
    }

    /** The points of a mail transaction where a refusal is counted. */
    public enum Stage {
        MAIL, RCPT, DATA, END_OF_DATA;

        /** The tag value: {@code mail}, {@code rcpt}, {@code data}, {@code end_of_data}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Told how long each accepted message took, from the end of its data to the reply. */
    @FunctionalInterface
    public interface AcceptanceObserver {
        void accepted(String role, long nanos);
    }

    private final Map<String, RoleCounts> roles = new ConcurrentHashMap<>();
    private final List<AcceptanceObserver> observers = new CopyOnWriteArrayList<>();

    public SmtpStatistics() {
        ROLES.forEach(this::role);
    }

    // ---- counting (the adapter) ----

    public void increment(String role, Count what) {
        role(role).counts[what.ordinal()].increment();
    }

    public void connectionOpened(String role) {
        role(role).open.increment();
    }

    public void connectionClosed(String role) {
        role(role).open.decrement();
    }

    /**
     * A reply to MAIL, RCPT, DATA or the end of the data: a 4xx or 5xx counts as a rejection,
     * a 2xx at the end of the data as an accepted message.
     */
    public void replied(String role, Stage stage, int code) {
        if (code >= 400 && code < 600) {
            role(role).rejections[stage.ordinal()][code / 100 - 4].increment();
        } else if (stage == Stage.END_OF_DATA && code >= 200 && code < 300) {
            increment(role, Count.MESSAGES_ACCEPTED);
        }
    }

    /** How long an accepted message took; passed on to the observers, never thrown from. */
    public void acceptanceTime(String role, long nanos) {
        for (AcceptanceObserver observer : observers) {
            try {
                observer.accepted(role, nanos);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "an acceptance observer failed", e);
            }
        }
    }

    // ---- reading (the application) ----

    public long count(String role, Count what) {
        return role(role).counts[what.ordinal()].sum();
    }

    public long openConnections(String role) {
        return role(role).open.sum();
    }

    /** @param replyClass 4 for 4xx, 5 for 5xx */
    public long rejections(String role, Stage stage, int replyClass) {
        if (replyClass != 4 && replyClass != 5) {
            throw new IllegalArgumentException("reply class must be 4 or 5: " + replyClass);
        }
        return role(role).rejections[stage.ordinal()][replyClass - 4].sum();
    }

    /** The application removes its observer when it goes away, so the adapter keeps no stale classes. */
    public void addObserver(AcceptanceObserver observer) {
        observers.add(observer);
    }

    public void removeObserver(AcceptanceObserver observer) {
        observers.remove(observer);
    }

    private RoleCounts role(String role) {
        return roles.computeIfAbsent(role, r -> new RoleCounts());
    }

    private static final class RoleCounts {
        final LongAdder[] counts = adders(Count.values().length);
        final LongAdder open = new LongAdder();
        final LongAdder[][] rejections = new LongAdder[Stage.values().length][];

        RoleCounts() {
            for (int i = 0; i < rejections.length; i++) {
                rejections[i] = adders(2);
            }
        }

        private static LongAdder[] adders(int n) {
            LongAdder[] adders = new LongAdder[n];
            for (int i = 0; i < n; i++) {
                adders[i] = new LongAdder();
            }
            return adders;
        }
    }
}
