package org.smtpeter.instances.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.smtpeter.testing.MailLoad;
import org.smtpeter.testing.PostgreSql;
import org.smtpeter.testing.Relay;

/**
 * The crash soak: two relays on one PostgreSQL, and N times in turn one of them killed with
 * kill -9 under load and started again. Prints, per kill, what was acknowledged, delivered, lost
 * and duplicated, and how long after the kill the queue was empty again; fails on a loss or a
 * recovery over 60 s. Not part of the suite (the name does not end in IT): run it with
 * {@code src/jmh/crash-soak.sh} (see there), PostgreSQL only.
 */
class CrashSoak {

    private static final Duration RECOVERY = Duration.ofSeconds(60);

    record Cycle(int kill, String killed, MailLoad.Tally tally, int inFlight, Duration recovered) {
        @Override
        public String toString() {
            return String.format("| %d | %s | %d | %d | %d | %d | %d | %.1f |", kill, killed, tally.acknowledged(),
                    tally.delivered(), tally.lost(), tally.duplicated(), inFlight, recovered.toMillis() / 1000.0);
        }
    }

    @Test
    void killsUnderLoad() throws Exception {
        Assumptions.assumeTrue(PostgreSql.inUse(), "needs PostgreSQL: run with -Ppostgresql");
        int kills = Integer.getInteger("soak.kills", 5);
        int connections = Integer.getInteger("soak.connections", 8);
        long loadMillis = Long.getLong("soak.load-seconds", 5) * 1000;
        List<Cycle> cycles = new ArrayList<>();
        try (RelayPair relays = new RelayPair("crash-soak")) {
            for (int kill = 1; kill <= kills; kill++) {
                Relay victim = relays.both().get(kill % 2);
                MailLoad load = relays.load(5).start(connections);
                Thread.sleep(loadMillis);
                long pid = victim.server().pid();
                victim.server().kill();
                long killed = System.nanoTime();
                int inFlight = relays.sendingBy(pid).size();
                Thread.sleep(loadMillis / 2); // its clients go on at the other relay
                load.close();
                MailLoad.Tally tally = load.awaitDelivered(relays.sink, RECOVERY.multipliedBy(2));
                relays.awaitEmptyQueue(RECOVERY.multipliedBy(2));
                Cycle cycle = new Cycle(kill, victim.server().workDir().getFileName().toString(), tally, inFlight,
                        Duration.ofNanos(System.nanoTime() - killed));
                System.out.println("crash soak " + cycle);
                cycles.add(cycle);
                victim.server().start();
            }
        }
        print(cycles);
        cycles.forEach(cycle -> assertEquals(0, cycle.tally().lost(), cycle::toString));
        cycles.forEach(cycle -> assertEquals(-1, cycle.recovered().compareTo(RECOVERY), cycle::toString));
    }

    private static void print(List<Cycle> cycles) {
        StringBuilder table = new StringBuilder("\nCrash soak: kill -9 of one of two relays under load\n\n"
                + "| kill | relay | acknowledged | delivered | lost | duplicated | in flight at kill | queue empty after (s) |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        cycles.forEach(cycle -> table.append(cycle).append('\n'));
        int acknowledged = cycles.stream().mapToInt(c -> c.tally().acknowledged()).sum();
        int lost = cycles.stream().mapToInt(c -> c.tally().lost()).sum();
        int duplicated = cycles.stream().mapToInt(c -> c.tally().duplicated()).sum();
        double slowest = cycles.stream().mapToLong(c -> c.recovered().toMillis()).max().orElse(0) / 1000.0;
        table.append(String.format("%nTotal: %d kills, %d acknowledged, %d lost, %d duplicated, slowest recovery %.1f s%n",
                cycles.size(), acknowledged, lost, duplicated, slowest));
        System.out.println(table);
    }
}
