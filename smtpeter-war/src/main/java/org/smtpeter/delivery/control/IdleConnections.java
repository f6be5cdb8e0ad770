package org.smtpeter.delivery.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Connections to next hops kept open for a moment after their share was sent, so that the next
 * share for the same hop skips connect, greeting, EHLO (and STARTTLS, AUTH) and QUIT: Postfix's
 * connection cache, with its limits. Without it the relay opened a connection per three or four
 * messages under load (BENCHMARKS.md, 2026-12-06, later).
 */
@ApplicationScoped
public class IdleConnections {

    /** How long a connection waits for the next share (Postfix: smtp_connection_cache_time_limit). */
    static final Duration IDLE_LIMIT = Duration.ofSeconds(2);
    /** How long one connection is used at all (Postfix: smtp_connection_reuse_time_limit). */
    static final Duration REUSE_LIMIT = Duration.ofSeconds(300);
    /** Idle longer than this, a NOOP first makes sure that the server did not close it meanwhile. */
    static final Duration CHECK_AFTER = Duration.ofMillis(500);

    @Inject
    Clock clock;

    @Resource
    ManagedScheduledExecutorService timer;

    private record Idle(HopConnection connection, Instant since) {
    }

    private final Map<Hop, Deque<Idle>> idle = new ConcurrentHashMap<>();
    private ScheduledFuture<?> sweeper;

    @PostConstruct
    void start() {
        sweeper = timer.scheduleWithFixedDelay(this::closeExpired, 1, 1, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (sweeper != null) {
            sweeper.cancel(false);
        }
        idle.values().forEach(connections -> {
            for (Idle one = connections.pollFirst(); one != null; one = connections.pollFirst()) {
                one.connection().close();
            }
        });
    }

    /** The most recently used open connection to this hop, now the caller's; empty when there is none. */
    Optional<HopConnection> take(Hop hop) {
        Deque<Idle> connections = idle.get(hop);
        if (connections == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        for (Idle one = connections.pollFirst(); one != null; one = connections.pollFirst()) {
            boolean usable = !expired(one, now)
                    && (Duration.between(one.since(), now).compareTo(CHECK_AFTER) <= 0 || one.connection().answers());
            if (usable) {
                return Optional.of(one.connection());
            }
            one.connection().close();
        }
        return Optional.empty();
    }

    /** Keeps a connection the caller is done with, or closes it when it cannot be used again. */
    void keep(HopConnection connection) {
        if (!connection.isOpen()) {
            connection.close();
            return;
        }
        Instant now = clock.instant();
        if (Duration.between(connection.opened, now).compareTo(REUSE_LIMIT) >= 0) {
            connection.close();
            return;
        }
        idle.computeIfAbsent(connection.hop, hop -> new ConcurrentLinkedDeque<>()).addFirst(new Idle(connection, now));
    }

    /** Closes the connections that waited longer than the idle limit; runs every second. */
    void closeExpired() {
        Instant now = clock.instant();
        idle.values().forEach(connections -> connections.forEach(one -> {
            // remove() succeeds for one caller only: a connection taken meanwhile is not closed here.
            if (expired(one, now) && connections.remove(one)) {
                one.connection().close();
            }
        }));
    }

    int idleCount(Hop hop) {
        Deque<Idle> connections = idle.get(hop);
        return connections == null ? 0 : connections.size();
    }

    private static boolean expired(Idle one, Instant now) {
        return Duration.between(one.since(), now).compareTo(IDLE_LIMIT) >= 0
                || Duration.between(one.connection().opened, now).compareTo(REUSE_LIMIT) >= 0;
    }
}
