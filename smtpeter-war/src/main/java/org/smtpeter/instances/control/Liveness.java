package org.smtpeter.instances.control;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When another instance counts as dead. An instance whose last heartbeat is older than
 * {@code deadAfter} is dead, but only in the eyes of an instance that has itself been beating
 * without a gap for at least {@code deadAfter}: after a database outage every instance's heartbeat
 * is old, and the first one back must not take over the deliveries of the others, which live and
 * are sending them. Not thread-safe: one heartbeat thread uses it.
 */
public final class Liveness {

    private final Duration deadAfter;
    /** Since when this instance's heartbeats succeed without a gap; null after a failure. */
    private Instant beatingSince;

    public Liveness(Duration deadAfter) {
        this.deadAfter = deadAfter;
    }

    public void beat(Instant now) {
        if (beatingSince == null) {
            beatingSince = now;
        }
    }

    public void missed() {
        beatingSince = null;
    }

    /**
     * @return the instant before which a last heartbeat means dead, or empty when this instance
     *         cannot judge yet
     */
    public Optional<Instant> deadIfBeatBefore(Instant now) {
        if (beatingSince == null || Duration.between(beatingSince, now).compareTo(deadAfter) < 0) {
            return Optional.empty();
        }
        return Optional.of(now.minus(deadAfter));
    }
}
