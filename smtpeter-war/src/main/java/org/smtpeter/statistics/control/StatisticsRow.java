package org.smtpeter.statistics.control;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counts of one time bucket, of mail that clients submitted (not the relay's own
 * notifications). Accepted counts messages; delivered counts recipients' copies; deferred counts attempts that ended in a temporary failure; bounces count hard and soft
 * bounces (not auto-replies or complaints), one per failed recipient, the hard ones also by reason; opens and clicks count every fetch, and opens are
 * split into people and machines (image proxies, scanners); unsubscribes count recipients who
 * unsubscribed (one-click or mailto), once per message and recipient.
 */
public record StatisticsRow(Instant bucket, long accepted, long delivered, long deferred, long hardBounces,
                            long softBounces, long humanOpens, long machineOpens, long clicks, long unsubscribes,
                            Map<String, Long> hardBouncesByReason) {

    /**
     * @param hardBouncesByReason the hard bounces split by reason (userunknown, hostunknown,
     *                            hasmoved, notaccept; "unknown" for records without one), sorted
     */
    public StatisticsRow {
        hardBouncesByReason = Collections.unmodifiableMap(new TreeMap<>(hardBouncesByReason));
    }

    /** A row without unsubscribes and without the split of hard bounces by reason. */
    public StatisticsRow(Instant bucket, long accepted, long delivered, long deferred, long hardBounces,
                         long softBounces, long humanOpens, long machineOpens, long clicks) {
        this(bucket, accepted, delivered, deferred, hardBounces, softBounces, humanOpens, machineOpens, clicks, 0,
                Map.of());
    }
}
