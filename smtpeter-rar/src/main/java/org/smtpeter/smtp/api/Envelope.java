package org.smtpeter.smtp.api;

import java.io.Serializable;
import java.util.List;

/**
 * One mail transaction as far as it has got: who connected, who logged in, MAIL FROM
 * with its parameters, and the recipients accepted so far.
 *
 * @param client         the connection facts
 * @param authenticatedUser the principal returned by {@link SmtpListener#authenticate}, null if none
 * @param reversePath    MAIL FROM address without brackets; empty for the null sender {@code <>}
 * @param body           BODY= value (7BIT or 8BITMIME), null if absent
 * @param smtpUtf8       whether MAIL carried SMTPUTF8
 * @param declaredSize   SIZE= value, -1 if absent
 * @param ret            RET= value (FULL or HDRS), null if absent
 * @param envelopeId     ENVID= value (xtext as sent), null if absent
 * @param recipients     accepted recipients, in order
 */
public record Envelope(Client client, String authenticatedUser, String reversePath, String body,
                       boolean smtpUtf8, long declaredSize, String ret, String envelopeId,
                       List<Recipient> recipients) implements Serializable {

    public Envelope {
        recipients = List.copyOf(recipients);
    }

    public boolean isAuthenticated() {
        return authenticatedUser != null;
    }
}
