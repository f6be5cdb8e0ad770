package org.smtpeter.intake.control;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.smtpeter.bounces.control.BounceGate;
import org.smtpeter.smtp.api.Envelope;
import org.smtpeter.smtp.api.Recipient;
import org.smtpeter.smtp.api.SmtpReply;
import org.smtpeter.smtp.api.ListenerRole;

/**
 * Who may send to whom: the relay is never open. An authenticated SMTP credential may send to
 * any recipient. Without AUTH the only addresses accepted are the relay's own bounce addresses,
 * on the port-25 role, and only as far as {@link BounceGate} allows (a real delivery's token that
 * has not expired, within the bounce path's size and rate limits).
 */
@ApplicationScoped
public class RelayPolicy {

    static final SmtpReply ACCEPTED = SmtpReply.of(250, "2.1.5", "Recipient OK");
    static final SmtpReply AUTHENTICATION_REQUIRED = SmtpReply.of(530, "5.7.0", "Authentication required");
    static final SmtpReply RELAY_DENIED = SmtpReply.of(554, "5.7.1", "Relay access denied: authenticate to send through this server");

    @Inject
    BounceGate bounceGate;

    public SmtpReply decide(Envelope transaction, Recipient candidate) {
        if (transaction.isAuthenticated()) {
            return ACCEPTED;
        }
        if (!ListenerRole.MTA.key().equals(transaction.client().listenerRole())) {
            return AUTHENTICATION_REQUIRED;
        }
        if (bounceGate.isBounceDomain(candidate.address())) {
            return bounceGate.refuseRecipient(transaction, candidate).orElse(ACCEPTED);
        }
        // A stranger on port 25 is most likely another MTA, for which 530 makes no sense.
        return RELAY_DENIED;
    }

    /**
     * A transaction only for the relay's bounce addresses takes its message whatever the line ends:
     * remote MTAs send bounces as they are, and nothing that reached a VERP address is lost for its form.
     */
    public boolean isForBounceAddressesOnly(Envelope envelope) {
        return !envelope.recipients().isEmpty()
                && envelope.recipients().stream().allMatch(r -> bounceGate.isBounceDomain(r.address()));
    }

    /** Without AUTH only bounce addresses get as far as DATA, and they take smaller mail. */
    public Optional<SmtpReply> refuseMessage(Envelope envelope, long size) {
        return envelope.isAuthenticated() ? Optional.empty() : bounceGate.refuseMessage(size);
    }
}
