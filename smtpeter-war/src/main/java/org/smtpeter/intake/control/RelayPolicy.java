package org.smtpeter.intake.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.smtpeter.bounces.control.BounceGate;
import org.smtpeter.domains.control.FromDomainPolicy;
import org.smtpeter.smtp.api.Envelope;
import org.smtpeter.smtp.api.ReceivedMessage;
import org.smtpeter.smtp.api.Recipient;
import org.smtpeter.smtp.api.SmtpReply;
import org.smtpeter.smtp.api.ListenerRole;

/**
 * Who may send to whom: the relay is never open. An authenticated SMTP credential may send to
 * any recipient. Without AUTH the only addresses accepted are the relay's own bounce addresses,
 * on the port-25 role, and only as far as {@link BounceGate} allows (a real delivery's token that
 * has not expired, within the bounce path's size and rate limits). An account can require that
 * its mail comes from its verified sender domains ({@link FromDomainPolicy}).
 */
@ApplicationScoped
public class RelayPolicy {

    static final SmtpReply ACCEPTED = SmtpReply.of(250, "2.1.5", "Recipient OK");
    static final SmtpReply AUTHENTICATION_REQUIRED = SmtpReply.of(530, "5.7.0", "Authentication required");
    static final SmtpReply RELAY_DENIED = SmtpReply.of(554, "5.7.1", "Relay access denied: authenticate to send through this server");

    private static final int HEADER_LIMIT = 256 * 1024;

    @Inject
    BounceGate bounceGate;

    @Inject
    FromDomainPolicy fromDomains;

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

    /**
     * Without AUTH only bounce addresses get as far as DATA, and they take smaller mail. An account
     * that sends only from verified domains has mail from any other From domain refused.
     */
    public Optional<SmtpReply> refuseMessage(Envelope envelope, ReceivedMessage message) {
        if (!envelope.isAuthenticated()) {
            return bounceGate.refuseMessage(message.size());
        }
        return fromDomains.refusal(envelope.authenticatedUser(), () -> headerSection(message))
                .map(reason -> SmtpReply.of(550, "5.7.1", reason));
    }

    /** The header section, up to the empty line; a longer one than any client writes is cut. */
    private static byte[] headerSection(ReceivedMessage message) {
        try (InputStream in = message.open()) {
            byte[] head = in.readNBytes(HEADER_LIMIT);
            for (int i = 0; i + 3 < head.length; i++) {
                if (head[i] == '\r' && head[i + 1] == '\n' && head[i + 2] == '\r' && head[i + 3] == '\n') {
                    return java.util.Arrays.copyOf(head, i + 2);
                }
            }
            return head;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the spooled message", e);
        }
    }
}
