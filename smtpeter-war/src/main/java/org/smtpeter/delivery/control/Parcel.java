package org.smtpeter.delivery.control;

import java.util.List;

import org.smtpeter.features.control.Content;

/**
 * What goes into one SMTP transaction: one message, its envelope sender, the recipients of one
 * domain, and the outgoing bytes.
 *
 * @param messagePublicId the message, for logs
 * @param sender          MAIL FROM; empty for the null sender {@code <>}
 * @param recipients      the deliveries sent together
 * @param content         the outgoing message
 * @param source          the copy the content was prepared from, to tell whether another
 *                        recipient's copy is the same
 */
public record Parcel(String messagePublicId, String sender, List<Addressee> recipients, Content content, Content source) {

    /** The same transaction with one more recipient. */
    public Parcel with(org.smtpeter.delivery.entity.Delivery delivery) {
        List<Addressee> more = new java.util.ArrayList<>(recipients);
        more.add(new Addressee(delivery.getId(), delivery.getRecipient()));
        return new Parcel(messagePublicId, sender, List.copyOf(more), content, source);
    }

    /** One delivery's recipient. */
    public record Addressee(long deliveryId, String address) {
    }
}
