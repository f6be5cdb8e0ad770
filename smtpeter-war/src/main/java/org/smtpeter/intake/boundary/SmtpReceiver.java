package org.smtpeter.intake.boundary;

import java.util.Optional;

import jakarta.inject.Inject;

import org.smtpeter.credentials.control.CredentialCheck;
import org.smtpeter.intake.control.GroupCommit;
import org.smtpeter.intake.control.IncomingMessages;
import org.smtpeter.intake.control.RelayPolicy;
import org.smtpeter.smtp.api.Client;
import org.smtpeter.smtp.api.Envelope;
import org.smtpeter.smtp.api.Login;
import org.smtpeter.smtp.api.ReceivedMessage;
import org.smtpeter.smtp.api.Recipient;
import org.smtpeter.smtp.api.SmtpListener;
import org.smtpeter.smtp.api.SmtpReply;

/**
 * What every SMTP listener role does with the adapter's calls. The subclasses are the
 * message-driven beans, one per role; they run without a container transaction so that
 * {@link IncomingMessages} commits on its own ({@link GroupCommit}: with the messages that end at
 * the same time) and a failed commit surfaces as an exception (a commit failure of the MDB's own
 * transaction would never reach the adapter).
 */
public abstract class SmtpReceiver implements SmtpListener {

    @Inject
    CredentialCheck credentials;

    @Inject
    RelayPolicy relayPolicy;

    @Inject
    GroupCommit incoming;

    @Override
    public Optional<Login> authenticate(Client client, String username, char[] password) {
        return credentials.authenticate(username, password)
                .map(verified -> new Login(verified.username(), verified.version()));
    }

    @Override
    public boolean loginStillValid(Client client, Login login) {
        return credentials.isCurrent(login.principal(), login.version());
    }

    @Override
    public SmtpReply recipient(Envelope transaction, Recipient candidate) {
        return relayPolicy.decide(transaction, candidate);
    }

    @Override
    public boolean takesAnyLineEnds(Envelope transaction) {
        return relayPolicy.isForBounceAddressesOnly(transaction);
    }

    @Override
    public SmtpReply deliver(Envelope envelope, ReceivedMessage message) {
        Optional<SmtpReply> refused = relayPolicy.refuseMessage(envelope, message);
        if (refused.isPresent()) {
            return refused.get();
        }
        String id = incoming.store(envelope, message);
        return SmtpReply.of(250, "2.0.0", "OK: queued as " + id);
    }
}
