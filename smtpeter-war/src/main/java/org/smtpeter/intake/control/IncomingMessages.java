package org.smtpeter.intake.control;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.UnsupportedEncodingException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeUtility;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.smtpeter.bounces.control.BounceIntake;
import org.smtpeter.credentials.control.Accounts;
import org.smtpeter.credentials.entity.SmtpCredential;
import org.smtpeter.delivery.control.DeliveryQueue;
import org.smtpeter.events.control.MailEvent;
import org.smtpeter.events.control.MailEvents;
import org.smtpeter.features.control.AppliedFeatures;
import org.smtpeter.features.control.FeatureHeaders;
import org.smtpeter.messages.control.MessageIds;
import org.smtpeter.messages.control.MessageStore;
import org.smtpeter.messages.entity.EnvelopeRecipient;
import org.smtpeter.messages.entity.Message;
import org.smtpeter.platform.control.Jsonp;
import org.smtpeter.smtp.api.Envelope;
import org.smtpeter.smtp.api.ReceivedMessage;

/**
 * Stores an accepted message with its envelope, and its queued deliveries or (for mail to bounce
 * addresses) its bounce records, in one transaction of its own. The MDB calls
 * this from outside any transaction, so a failed commit reaches the adapter as an exception
 * and the client gets 451 instead of a 250 for mail that was never stored.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class IncomingMessages {

    @PersistenceContext
    EntityManager em;

    @Inject
    Accounts accounts;

    @Inject
    MessageIds ids;

    @Inject
    MessageStore store;

    @Inject
    DeliveryQueue deliveries;

    @Inject
    FeatureHeaders featureHeaders;

    @Inject
    BounceIntake bounceIntake;

    @Inject
    MailEvents events;

    /** Milliseconds: every database keeps them, so a value reads back exactly as it was written. */
    @Inject
    Clock clock;

    /** @return the public message id, once the message is committed */
    public String store(Envelope envelope, ReceivedMessage received) {
        Message message = accept(envelope, received, new HashMap<>());
        queue(List.of(message));
        em.flush();
        return message.getPublicId();
    }

    /**
     * Several messages in one transaction, so that they share its commit ({@link GroupCommit}).
     * Everything but the commit is done once this returns: until then a failure rolls all of them
     * back, so each may be stored again on its own.
     *
     * @return their public message ids, in order
     */
    public List<String> storeAll(List<GroupCommit.Pending> messages) {
        Map<String, SmtpCredential> credentials = new HashMap<>(); // most batches are one sender's
        List<Message> accepted = messages.stream()
                .map(pending -> accept(pending.envelope(), pending.received(), credentials)).toList();
        queue(accepted);
        em.flush();
        return accepted.stream().map(Message::getPublicId).toList();
    }

    private Message accept(Envelope envelope, ReceivedMessage received, Map<String, SmtpCredential> credentials) {
        // Mail to bounce addresses is parsed whole; the bounce path's own size limit bounds it.
        byte[] bounce = envelope.isAuthenticated() ? null : readAll(received);
        return accept(envelope, received.size(), headers(received), message -> {
            try (InputStream in = received.open()) {
                return store.write(message, in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the spooled message", e);
            }
        }, bounce, null, credentials);
    }

    /**
     * The same for a message that came by JMS, in the transaction that took it off the queue,
     * so that it is either stored or back on the queue.
     *
     * @param correlationId repeated in the accepted event, for the submitter to match
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public String storeSubmitted(Envelope envelope, byte[] raw, String correlationId) {
        Message message = accept(envelope, raw.length, headers(new ByteArrayInputStream(raw)), content -> {
            store.write(content, raw);
            return raw.length;
        }, envelope.isAuthenticated() ? null : raw, correlationId, new HashMap<>());
        queue(List.of(message));
        em.flush();
        return message.getPublicId();
    }

    /**
     * The deliveries of the accounts' mail (mail to bounce addresses has no account: the bounce
     * path took it), all at once: the suppressed among the recipients are one query per account.
     * Claimed for this instance as they are queued, when its scheduler takes new mail now: sent
     * once committed, without a claim of their own.
     */
    private void queue(List<Message> accepted) {
        deliveries.enqueueAndClaim(accepted.stream().filter(message -> message.getAccount() != null).toList());
    }

    /**
     * @param content stores the bytes of the persisted message and says how many there were
     * @param bounce  the whole message when it came to a bounce address (no AUTH)
     * @param credentials those this transaction has read already, by user name
     */
    private Message accept(Envelope envelope, long size, InternetHeaders headers, ToLongFunction<Message> content,
                          byte[] bounce, String correlationId, Map<String, SmtpCredential> credentials) {
        Message message = new Message(ids.next(), Instant.now(clock), size);
        message.titled(subject(headers));
        if (envelope.isAuthenticated()) {
            SmtpCredential credential = credentials.computeIfAbsent(envelope.authenticatedUser(),
                    username -> accounts.credentialByUsername(username)
                            .orElseThrow(() -> new IllegalStateException("credential vanished during the session")));
            message.sentBy(credential.getAccount(), credential);
            AppliedFeatures features = featureHeaders.resolve(credential.getFeatures(), headers);
            message.applied(features.properties(), features.tags());
        }
        var client = envelope.client();
        message.receivedFrom(client.listenerRole(), client.address(), client.heloName(), client.tlsProtocol(),
                client.tlsCipher());
        message.envelope(envelope.reversePath(), envelope.body(), envelope.smtpUtf8(), envelope.declaredSize(),
                envelope.ret(), envelope.envelopeId(), envelope.recipients().stream()
                        .map(r -> new EnvelopeRecipient(r.address(), r.notifyConditions(), r.originalRecipient()))
                        .toList());
        em.persist(message);
        long stored = content.applyAsLong(message);
        if (stored != size) {
            throw new IllegalStateException("spooled message changed size: " + stored + " != " + size);
        }
        if (envelope.isAuthenticated()) {
            // Before the deliveries (queue): a subscriber hears of the message before any recipient's fate.
            events.record(MailEvent.Type.ACCEPTED, message, null, acceptedDetails(message, correlationId));
        } else {
            // Unauthenticated mail only ever reaches here for bounce addresses (RelayPolicy).
            bounceIntake.receive(message, bounce);
        }
        return message;
    }

    private static JsonObject acceptedDetails(Message message, String correlationId) {
        JsonArrayBuilder recipients = Jsonp.array();
        message.getRecipients().forEach(recipient -> recipients.add(recipient.getAddress()));
        JsonObjectBuilder details = Jsonp.object()
                .add("listener", message.getListenerRole())
                .add("size", message.getSize())
                .add("recipients", recipients);
        if (message.getSubject() != null) {
            details.add("subject", message.getSubject());
        }
        if (correlationId != null) {
            details.add("correlationId", correlationId);
        }
        return details.build();
    }

    /** The header section only; InternetHeaders stops at the first empty line. */
    private static InternetHeaders headers(ReceivedMessage received) {
        // A large one is a file: not byte by byte. The buffer is small because the header section
        // usually is, and one of the default 8 KB per message was 2 % of all the relay allocated.
        try (InputStream in = new BufferedInputStream(received.open(), 2048)) {
            return headers(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the spooled message", e);
        }
    }

    private static InternetHeaders headers(InputStream in) {
        try {
            return new InternetHeaders(in);
        } catch (MessagingException unparsable) {
            return new InternetHeaders(); // the credential's defaults stand
        }
    }

    /** The decoded Subject, for the log; undecodable encoded-words are kept as they came. */
    private static String subject(InternetHeaders headers) {
        String value = headers.getHeader("Subject", null);
        if (value == null) {
            return null;
        }
        String unfolded = utf8(MimeUtility.unfold(value).strip());
        try {
            return MimeUtility.decodeText(unfolded);
        } catch (UnsupportedEncodingException | RuntimeException unknownCharset) {
            return unfolded;
        }
    }

    /** InternetHeaders reads octets as Latin-1; 8-bit headers are UTF-8 (RFC 6532) when they decode as such. */
    private static String utf8(String latin1) {
        if (latin1.chars().allMatch(c -> c < 0x80) || latin1.chars().anyMatch(c -> c > 0xFF)) {
            return latin1;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .decode(ByteBuffer.wrap(latin1.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (CharacterCodingException notUtf8) {
            return latin1;
        }
    }

    private static byte[] readAll(ReceivedMessage received) {
        try (InputStream in = received.open()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the spooled message", e);
        }
    }
}
