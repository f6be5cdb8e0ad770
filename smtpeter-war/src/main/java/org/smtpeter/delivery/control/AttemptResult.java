package org.smtpeter.delivery.control;

import java.time.Instant;

/**
 * The result of one attempt for one delivery.
 *
 * @param deliveryId the delivery
 * @param reply      what the next hop said, or a local stand-in
 * @param hop        the hop tried last, null when none could be found
 * @param tls        TLS protocol used, null for plaintext
 * @param startedAt  when the attempt began
 * @param millis     how long it took
 * @param busy       true when it was not tried at all because the destination was at its limit
 */
public record AttemptResult(long deliveryId, Reply reply, Hop hop, String tls, Instant startedAt, long millis,
                            boolean busy) {
}
