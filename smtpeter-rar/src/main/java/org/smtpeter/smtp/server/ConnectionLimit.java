package org.smtpeter.smtp.server;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The connections the listeners of one adapter may hold, in three limits, so that no one can
 * take every slot: in total; per role, so that one port (typically 25) cannot starve the
 * others; and per client ({@link ClientGroup}) across all roles, as Postfix's
 * {@code smtpd_client_connection_count_limit}. Above {@code stressPercent} of the total the
 * listeners are under stress, and idle clients get shorter timeouts (Postfix's stress mode).
 */
public final class ConnectionLimit {

    /** The outcome of {@link #admit}: a slot, or the reason to turn the client away. */
    public sealed interface Admission permits Slot, Refused {
    }

    /** One admitted connection's place; {@link #close()} gives it back, once. */
    public final class Slot implements Admission, AutoCloseable {
        private final String role;
        /** Null while the client is not known yet (a balancer's connection before its PROXY header). */
        private String client;
        private final AtomicBoolean open = new AtomicBoolean(true);

        private Slot(String role, String client) {
            this.role = role;
            this.client = client;
        }

        /**
         * Counts this connection for the client that a balancer named, within the per-client limit.
         *
         * @return the refusal when that client has too many connections already; close the slot then
         */
        public Optional<Refused> countFor(InetAddress address) {
            synchronized (ConnectionLimit.this) {
                String named = ClientGroup.of(address);
                if (byClient.getOrDefault(named, 0) >= perClient) {
                    return Optional.of(TOO_MANY_FROM_CLIENT);
                }
                uncount(client);
                byClient.merge(named, 1, Integer::sum);
                client = named;
                return Optional.empty();
            }
        }

        @Override
        public void close() {
            if (open.compareAndSet(true, false)) {
                synchronized (ConnectionLimit.this) {
                    release(role, client);
                }
            }
        }
    }

    /** Turned away with this reply, before any worker thread is involved. */
    public record Refused(String reply) implements Admission {
    }

    static final Refused TOO_MANY_FROM_CLIENT =
            new Refused("421 4.7.0 Too many connections from your address; try again later");
    static final Refused TOO_MANY_FOR_ROLE =
            new Refused("421 4.3.2 Too many connections to this service; try again later");
    static final Refused TOO_MANY = new Refused("421 4.3.2 Too many connections; try again later");

    private final int max;
    private final int perClient;
    private final Map<String, Integer> perRole;
    private final int stressAt;
    private final Map<String, Integer> byRole = new HashMap<>();
    private final Map<String, Integer> byClient = new HashMap<>();
    private volatile int open;

    /**
     * @param max           connections in total
     * @param perClient     connections of one client, all roles together
     * @param perRole       connections of each role; a role not named may use the total
     * @param stressPercent share of {@code max} from which the listeners are under stress
     */
    public ConnectionLimit(int max, int perClient, Map<String, Integer> perRole, int stressPercent) {
        this.max = max;
        this.perClient = perClient;
        this.perRole = Map.copyOf(perRole);
        this.stressAt = Math.max(1, (int) Math.ceil(max * stressPercent / 100.0));
    }

    /** Only a total, as in tests of other things. */
    public ConnectionLimit(int max) {
        this(max, Integer.MAX_VALUE, Map.of(), 100);
    }

    public Admission admit(String role, InetAddress address) {
        return admit(role, address, true);
    }

    /**
     * @param countClient false for a balancer's connection: the client it stands for is counted
     *                    once its PROXY header names it ({@link Slot#countFor})
     */
    public synchronized Admission admit(String role, InetAddress address, boolean countClient) {
        String client = countClient ? ClientGroup.of(address) : null;
        if (open >= max) {
            return TOO_MANY; // the widest limit first: when the service is full, every client hears so
        }
        if (byRole.getOrDefault(role, 0) >= perRole.getOrDefault(role, max)) {
            return TOO_MANY_FOR_ROLE;
        }
        if (client != null && byClient.getOrDefault(client, 0) >= perClient) {
            return TOO_MANY_FROM_CLIENT;
        }
        if (client != null) {
            byClient.merge(client, 1, Integer::sum);
        }
        byRole.merge(role, 1, Integer::sum);
        open++;
        return new Slot(role, client);
    }

    private synchronized void release(String role, String client) {
        uncount(client);
        byRole.computeIfPresent(role, (key, count) -> count > 1 ? count - 1 : null);
        open--;
    }

    private void uncount(String client) {
        if (client != null) {
            byClient.computeIfPresent(client, (key, count) -> count > 1 ? count - 1 : null);
        }
    }

    /** Connections open now, all roles together. */
    public int open() {
        return open;
    }

    /** Whether the listeners are nearly full, so that idle clients should make room sooner. */
    public boolean isStressed() {
        return open >= stressAt;
    }
}
