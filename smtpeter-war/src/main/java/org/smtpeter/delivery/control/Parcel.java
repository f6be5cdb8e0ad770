package org.smtpeter.delivery.control;

import java.util.List;

/**
 * What goes into one SMTP transaction: one message, its envelope sender, the recipients of one
 * domain, and the outgoing bytes.
 *
 * @param messagePublicId the message, for logs
 * @param sender          MAIL FROM; empty for the null sender {@code <>}
 * @param recipients      the deliveries sent together
 * @param content         the prepared message bytes
 */
public record Parcel(String messagePublicId, String sender, List<Addressee> recipients, byte[] content) {

    /** One delivery's recipient. */
    public record Addressee(long deliveryId, String address) {
    }
}
