package org.smtpeter.delivery.control;

import java.time.Instant;
import java.util.List;

/**
 * Fired when deliveries were queued already claimed by this instance ({@link FreshClaims}): after
 * the commit they are the scheduler's to send; after a failed one their lease may hold deliveries
 * that were committed all the same, which the scheduler then puts back.
 */
public record FreshDeliveries(Instant lease, List<DeliveryQueue.Claimed> claims) {
}
