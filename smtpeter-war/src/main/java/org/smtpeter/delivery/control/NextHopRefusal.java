package org.smtpeter.delivery.control;

import org.smtpeter.delivery.entity.Delivery;

/**
 * A recipient's delivery failed for good at the next hop (a 5xx, or a 4xx until the delivery
 * time ran out). Fired while the attempt is recorded; observers (bounce tracking) run in the
 * same transaction, so the failure and what follows from it commit together.
 *
 * @param reply the reply as the next hop gave it, code and enhanced code included
 */
public record NextHopRefusal(Delivery delivery, int code, String enhancedCode, String reply) {
}
