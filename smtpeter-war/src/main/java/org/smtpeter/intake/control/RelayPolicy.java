package org.smtpeter.intake.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.smtpeter.bounces.control.BounceIntake;
import org.smtpeter.smtp.api.Envelope;
import org.smtpeter.smtp.api.Recipient;
import org.smtpeter.smtp.api.SmtpReply;

/**
 * Who may send to whom: the relay is never open. An authenticated SMTP credential may send to
 * any recipient. Without AUTH the only addresses accepted are the relay's own bounce addresses,
 * on the port-25 role, and only those whose token belongs to a real delivery.
 */
@ApplicationScoped
public class RelayPolicy {

    static final SmtpReply ACCEPTED = SmtpReply.of(250, "2.1.5", "Recipient OK");
    static final SmtpReply AUTHENTICATION_REQUIRED = SmtpReply.of(530, "5.7.0", "Authentication required");
    static final SmtpReply RELAY_DENIED = SmtpReply.of(554, "5.7.1", "Relay access denied: authenticate to send through this server");
    static final SmtpReply NO_SUCH_BOUNCE_ADDRESS = SmtpReply.of(550, "5.1.1", "No such bounce address");

    @Inject
    BounceIntake bounceIntake;

    public SmtpReply decide(Envelope transaction, Recipient candidate) {
        if (transaction.isAuthenticated()) {
            return ACCEPTED;
        }
        if (!"mta".equals(transaction.client().listenerRole())) {
            return AUTHENTICATION_REQUIRED;
        }
        if (bounceIntake.isBounceDomain(candidate.address())) {
            return bounceIntake.accepts(candidate.address()) ? ACCEPTED : NO_SUCH_BOUNCE_ADDRESS;
        }
        // A stranger on port 25 is most likely another MTA, for which 530 makes no sense.
        return RELAY_DENIED;
    }
}
