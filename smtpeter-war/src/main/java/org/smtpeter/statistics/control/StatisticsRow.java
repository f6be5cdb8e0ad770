package org.smtpeter.statistics.control;

import java.time.Instant;

/**
 * The counts of one time bucket, of mail that clients submitted (not the relay's own
 * notifications). Accepted counts messages; delivered counts recipients' copies; deferred counts attempts that ended in a temporary failure; bounces count hard and soft
 * bounces (not auto-replies or complaints); opens and clicks count every fetch, and opens are
 * split into people and machines (image proxies, scanners).
 */
public record StatisticsRow(Instant bucket, long accepted, long delivered, long deferred, long hardBounces,
                            long softBounces, long humanOpens, long machineOpens, long clicks) {
}
