package org.smtpeter.smtp.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.smtpeter.smtp.api.Client;
import org.smtpeter.smtp.api.Envelope;
import org.smtpeter.smtp.api.Login;
import org.smtpeter.smtp.api.ReceivedMessage;
import org.smtpeter.smtp.api.Recipient;
import org.smtpeter.smtp.api.SmtpListener;
import org.smtpeter.smtp.api.SmtpReply;

/**
 * A hand-written listener that records every call. By default it knows one user (alice/secret),
 * accepts recipients only in authenticated transactions, and queues every message.
 */
final class RecordingListener implements SmtpListener {

    record Authentication(Client client, String username, String password, char[] passedArray) {
    }

    record Delivery(Envelope envelope, byte[] data, long declaredSize) {
    }

    final List<Authentication> authentications = new ArrayList<>();
    final List<Recipient> recipientsAsked = new ArrayList<>();
    final List<Delivery> deliveries = new ArrayList<>();
    final List<Login> loginChecks = new ArrayList<>();
    /** Principals whose credential was disabled, rotated or deleted since they logged in. */
    final Set<String> revoked = new HashSet<>();

    private final boolean acceptEverything;
    RuntimeException authenticateFailure;
    RuntimeException loginCheckFailure;
    RuntimeException recipientFailure;
    RuntimeException deliverFailure;
    boolean deliverReturnsNull;
    /** Recipients for whose transactions any line ends are taken (as the relay's bounce addresses). */
    final Set<String> takingAnyLineEnds = new HashSet<>();

    private RecordingListener(boolean acceptEverything) {
        this.acceptEverything = acceptEverything;
    }

    /** alice/secret only; recipients need an authenticated transaction. */
    static RecordingListener strict() {
        return new RecordingListener(false);
    }

    /** Any credential, any recipient: for fuzzing. */
    static RecordingListener acceptingEverything() {
        return new RecordingListener(true);
    }

    @Override
    public Optional<Login> authenticate(Client client, String username, char[] password) {
        authentications.add(new Authentication(client, username, new String(password), password));
        if (authenticateFailure != null) {
            throw authenticateFailure;
        }
        boolean ok = acceptEverything || ("alice".equals(username) && "secret".equals(new String(password)));
        return ok ? Optional.of(new Login(username, "v1")) : Optional.empty();
    }

    @Override
    public boolean loginStillValid(Client client, Login login) {
        loginChecks.add(login);
        if (loginCheckFailure != null) {
            throw loginCheckFailure;
        }
        return !revoked.contains(login.principal());
    }

    @Override
    public SmtpReply recipient(Envelope transaction, Recipient candidate) {
        recipientsAsked.add(candidate);
        if (recipientFailure != null) {
            throw recipientFailure;
        }
        return acceptEverything || transaction.isAuthenticated()
                ? SmtpReply.of(250, "2.1.5", "Recipient OK")
                : SmtpReply.of(530, "5.7.0", "Authentication required");
    }

    @Override
    public SmtpReply deliver(Envelope envelope, ReceivedMessage message) {
        byte[] data;
        try (InputStream in = message.open()) {
            data = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        deliveries.add(new Delivery(envelope, data, message.size()));
        if (deliverFailure != null) {
            throw deliverFailure;
        }
        if (deliverReturnsNull) {
            return null;
        }
        return SmtpReply.of(250, "2.0.0", "Queued as M" + deliveries.size());
    }

    @Override
    public boolean takesAnyLineEnds(Envelope transaction) {
        return !transaction.recipients().isEmpty()
                && transaction.recipients().stream().allMatch(r -> takingAnyLineEnds.contains(r.address()));
    }

    Delivery onlyDelivery() {
        if (deliveries.size() != 1) {
            throw new AssertionError("expected exactly one delivery, got " + deliveries.size());
        }
        return deliveries.get(0);
    }
}
