package org.smtpeter.intake.control;

import jakarta.enterprise.context.ApplicationScoped;

import org.smtpeter.smtp.api.Envelope;
import org.smtpeter.smtp.api.Recipient;
import org.smtpeter.smtp.api.SmtpReply;

/**
 * Who may send to whom: the relay is never open. An authenticated SMTP credential may send to
 * any recipient; without AUTH nothing is accepted, because the relay is not yet the final
 * destination of any address (bounce intake will add its own domain here).
 */
@ApplicationScoped
public class RelayPolicy {

    static final SmtpReply ACCEPTED = SmtpReply.of(250, "2.1.5", "Recipient OK");
    static final SmtpReply AUTHENTICATION_REQUIRED = SmtpReply.of(530, "5.7.0", "Authentication required");
    static final SmtpReply RELAY_DENIED = SmtpReply.of(554, "5.7.1", "Relay access denied: authenticate to send through this server");

    public SmtpReply decide(Envelope transaction, Recipient candidate) {
        if (transaction.isAuthenticated()) {
            return ACCEPTED;
        }
        // On the port-25 role a stranger is most likely another MTA, for which 530 makes no sense.
        return "mta".equals(transaction.client().listenerRole()) ? RELAY_DENIED : AUTHENTICATION_REQUIRED;
    }
}
