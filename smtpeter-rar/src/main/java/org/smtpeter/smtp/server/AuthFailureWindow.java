package org.smtpeter.smtp.server;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.smtpeter.smtp.protocol.AuthThrottle;

/**
 * Allows a client ({@link ClientGroup}: an IPv4 address or an IPv6 /64) at most
 * {@code maxAttempts} AUTH attempts that end in a wrong password within a sliding window.
 *
 * <p>An attempt is let in before its password is checked, and only while the failures in the
 * window plus the attempts still being checked stay under the limit, so parallel connections
 * cannot get more guesses than the limit. Attempts beyond that wait for the ones being checked
 * instead of being refused: twenty connections of one customer's Postfix logging in at once, all
 * with the right password, are checked a few at a time and all get in. Only failures in the window
 * refuse. A refused attempt takes no place, so hammering a blocked address does not make its
 * block longer: the block ends one window after the oldest failure in it. A success does not
 * clear earlier failures, or a guesser holding one valid credential of its own could start every
 * round from zero.
 *
 * <p>Kept in memory per server instance; a cluster would share it in the data grid.
 */
public final class AuthFailureWindow implements AuthThrottle {

    private static final int MAX_TRACKED_CLIENTS = 100_000;
    /** An attempt waits at most this long for the ones being checked before it is refused. */
    private static final Duration MAX_WAIT = Duration.ofSeconds(30);

    private final int maxAttempts;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Attempts> clients = new ConcurrentHashMap<>();

    public AuthFailureWindow(int maxAttempts, Duration window, Clock clock) {
        this.maxAttempts = maxAttempts;
        this.window = window;
        this.clock = clock;
    }

    @Override
    public boolean tryAttempt(String clientAddress) {
        if (clients.size() > MAX_TRACKED_CLIENTS) {
            forgetExpired();
        }
        Attempts client = clients.computeIfAbsent(ClientGroup.of(clientAddress), address -> new Attempts());
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        synchronized (client) {
            while (true) {
                expire(client);
                if (client.failures.size() >= maxAttempts) {
                    return false;
                }
                if (client.failures.size() + client.checking.size() < maxAttempts) {
                    client.checking.addLast(clock.millis());
                    return true;
                }
                long waitNanos = deadline - System.nanoTime();
                if (waitNanos <= 0) {
                    return false;
                }
                try {
                    client.wait(Math.max(1, waitNanos / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }

    @Override
    public void failed(String clientAddress) {
        settle(clientAddress, true);
    }

    @Override
    public void refund(String clientAddress) {
        settle(clientAddress, false);
    }

    private void settle(String clientAddress, boolean failed) {
        Attempts client = clients.get(ClientGroup.of(clientAddress));
        if (client == null) {
            return;
        }
        synchronized (client) {
            client.checking.pollFirst();
            if (failed) {
                client.failures.addLast(clock.millis());
            }
            client.notifyAll();
        }
    }

    private void forgetExpired() {
        clients.values().removeIf(client -> {
            synchronized (client) {
                expire(client);
                return client.failures.isEmpty() && client.checking.isEmpty();
            }
        });
    }

    /**
     * Failures leave the window as it slides; so do attempts still marked as being checked, in
     * case a session ended without saying how its attempt went: a lost one costs a place for one
     * window at most.
     */
    private void expire(Attempts client) {
        long oldest = clock.millis() - window.toMillis();
        for (Deque<Long> times : List.of(client.failures, client.checking)) {
            while (!times.isEmpty() && times.peekFirst() <= oldest) {
                times.removeFirst();
            }
        }
    }

    /** One client's failures in the window and the attempts being checked, each by its time. */
    private static final class Attempts {
        final Deque<Long> failures = new ArrayDeque<>();
        final Deque<Long> checking = new ArrayDeque<>();
    }
}
