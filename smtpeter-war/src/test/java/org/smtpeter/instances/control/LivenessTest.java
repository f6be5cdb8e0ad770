package org.smtpeter.instances.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class LivenessTest {

    private static final Duration DEAD_AFTER = Duration.ofSeconds(30);
    private static final Instant START = Instant.parse("2026-01-01T10:00:00Z");

    private final Liveness liveness = new Liveness(DEAD_AFTER);

    @Test
    void judgesNobodyBeforeItsOwnFirstHeartbeat() {
        assertEquals(Optional.empty(), liveness.deadIfBeatBefore(START.plusSeconds(300)));
    }

    @Test
    void aFreshInstanceWaitsDeadAfterBeforeJudging() {
        liveness.beat(START);
        liveness.beat(START.plusSeconds(25));

        assertEquals(Optional.empty(), liveness.deadIfBeatBefore(START.plusSeconds(29)));
        assertEquals(Optional.of(START), liveness.deadIfBeatBefore(START.plusSeconds(30)));
        assertEquals(Optional.of(START.plusSeconds(5)), liveness.deadIfBeatBefore(START.plusSeconds(35)));
    }

    /** After an outage every heartbeat is old: the first instance back must not take the others' claims. */
    @Test
    void aMissedHeartbeatStartsTheWaitAgain() {
        liveness.beat(START);
        liveness.missed();
        liveness.beat(START.plusSeconds(120));

        assertEquals(Optional.empty(), liveness.deadIfBeatBefore(START.plusSeconds(125)));
        assertEquals(Optional.of(START.plusSeconds(120)), liveness.deadIfBeatBefore(START.plusSeconds(150)));
    }
}
