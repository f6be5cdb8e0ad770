package org.smtpeter.smtp.api;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which SMTP ports the adapter listens on right now, as the adapter itself knows it, for the
 * application's health checks. Probing a port from outside cannot tell the relay's listener
 * from another process that holds the port, and every probe would be an SMTP connection in the
 * metrics. Each adapter keeps one; the application reaches it through {@link AdapterStatus}.
 */
public final class ListenerStates {

    public enum State {
        /** The port is bound and connections are accepted. */
        LISTENING,
        /** The port could not be bound (or the listener stopped by itself); see the problem. */
        FAILED
    }

    /**
     * @param role    submission, smtps or mta
     * @param port    the configured port
     * @param problem why it is not listening, null when it is
     * @param since   when it entered this state
     */
    public record Entry(String role, int port, State state, String problem, Instant since) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public void listening(String role, int port) {
        entries.put(key(role, port), new Entry(role, port, State.LISTENING, null, Instant.now()));
    }

    /** Keeps the time of the first failure while the problem stays the same. */
    public void failed(String role, int port, String problem) {
        entries.compute(key(role, port), (key, before) -> before != null && before.state() == State.FAILED
                && before.problem().equals(problem) ? before
                : new Entry(role, port, State.FAILED, problem, Instant.now()));
    }

    /** The listener was shut down on purpose (undeployment): it is no longer expected. */
    public void closed(String role, int port) {
        entries.remove(key(role, port));
    }

    public Optional<Entry> get(String role, int port) {
        return Optional.ofNullable(entries.get(key(role, port)));
    }

    public List<Entry> all() {
        return entries.values().stream()
                .sorted(Comparator.comparing(Entry::role).thenComparingInt(Entry::port))
                .toList();
    }

    private static String key(String role, int port) {
        return role + ":" + port;
    }
}
