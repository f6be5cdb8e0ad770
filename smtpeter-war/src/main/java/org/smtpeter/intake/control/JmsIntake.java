package org.smtpeter.intake.control;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

import javax.naming.NamingException;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import jakarta.json.JsonObjectBuilder;

import org.smtpeter.credentials.control.Accounts;
import org.smtpeter.credentials.entity.SmtpCredential;
import org.smtpeter.events.control.EventSettings;
import org.smtpeter.events.control.MailEvent;
import org.smtpeter.events.control.MailEvents;
import org.smtpeter.platform.control.Jndi;
import org.smtpeter.platform.control.Jsonp;
import org.smtpeter.smtp.api.Client;
import org.smtpeter.smtp.api.Envelope;
import org.smtpeter.smtp.api.Recipient;

/**
 * Takes one message off the submission queue and puts it through the same acceptance as SMTP
 * ({@link IncomingMessages}), in one transaction with the receive: the mail is stored and
 * queued, or the JMS message stays on the queue. Submissions that can never be accepted (no such
 * credential, one that does not allow JMS submission, bad addresses, too big) are consumed and
 * answered with a {@code rejected} event. The queue asks for no password, so a credential must be
 * switched on for it ({@link SmtpCredential#isJmsSubmission()}).
 */
@Stateless
public class JmsIntake {

    /** The listener role recorded for mail that came by JMS. */
    public static final String ROLE = "jms";
    private static final Logger LOG = Logger.getLogger(JmsIntake.class.getName());
    /**
     * A message the broker brought this often, and that has waited this long, is given up rather
     * than retried for ever (a message that cannot be stored would otherwise hold up the queue).
     * Both, so that a database outage of some minutes turns nothing away.
     */
    static final int MAX_DELIVERIES = 5;
    static final Duration GIVE_UP_AFTER = Duration.ofHours(1);

    @Inject
    EventSettings events;

    @Inject
    JmsSubmissionSettings settings;

    @Inject
    Accounts accounts;

    @Inject
    IncomingMessages incoming;

    @Inject
    MailEvents mailEvents;

    @Inject
    Clock clock;

    /**
     * @return whether a message was there (so the caller asks again at once)
     * @throws IllegalStateException when JMS or JNDI fail: a system exception, so the receive is rolled back
     */
    public boolean takeOne(long waitMillis) {
        try {
            ConnectionFactory factory = Jndi.lookup(events.connectionFactory(), ConnectionFactory.class);
            Queue queue = Jndi.lookup(settings.queue(), Queue.class);
            try (JMSContext jms = factory.createContext()) {
                Message message = jms.createConsumer(queue).receive(waitMillis);
                if (message == null) {
                    return false;
                }
                take(message, queue.getQueueName());
                return true;
            }
        } catch (NamingException | JMSException e) {
            throw new IllegalStateException("the submission queue is not reachable: " + e, e);
        }
    }

    private void take(Message message, String queueName) throws JMSException {
        String correlationId = Optional.ofNullable(message.getJMSCorrelationID()).orElse(message.getJMSMessageID());
        String credentialName = message.getStringProperty("credential");
        try {
            if (givenUp(message)) {
                throw new JmsSubmission.Rejected("given up: it could not be stored in " + MAX_DELIVERIES
                        + " deliveries over " + GIVE_UP_AFTER.toMinutes() + " minutes");
            }
            JmsSubmission submission = JmsSubmission.parse(credentialName, message.getStringProperty("mailFrom"),
                    message.getStringProperty("rcptTo"), body(message), correlationId, settings.maxMessageSize(),
                    settings.maxRecipients());
            SmtpCredential credential = submission.sender(accounts.credentialByUsername(submission.credential()));
            String id = incoming.storeSubmitted(envelope(submission, credential, queueName), submission.raw(), correlationId);
            LOG.fine(() -> "accepted " + submission + " as " + id);
        } catch (JmsSubmission.Rejected rejected) {
            LOG.info(() -> "rejected JMS submission " + correlationId + ": " + rejected.getMessage());
            rejected(credentialName, correlationId, rejected.getMessage());
        }
    }

    private boolean givenUp(Message message) throws JMSException {
        int deliveries = message.propertyExists("JMSXDeliveryCount") ? message.getIntProperty("JMSXDeliveryCount") : 1;
        long sent = message.getJMSTimestamp();
        return deliveries > MAX_DELIVERIES && sent > 0
                && Instant.ofEpochMilli(sent).plus(GIVE_UP_AFTER).isBefore(Instant.now(clock));
    }

    private byte[] body(Message message) throws JMSException, JmsSubmission.Rejected {
        if (message instanceof BytesMessage bytes) {
            if (bytes.getBodyLength() > settings.maxMessageSize()) {
                // Refused before it is read into memory; line-end repair could only make it longer.
                throw new JmsSubmission.Rejected("the message is " + bytes.getBodyLength() + " octets; the limit is "
                        + settings.maxMessageSize());
            }
            byte[] body = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(body);
            return body;
        }
        if (message instanceof TextMessage text) {
            return text.getText() == null ? null : text.getText().getBytes(StandardCharsets.UTF_8);
        }
        throw new JmsSubmission.Rejected("the raw MIME must come as a BytesMessage or a TextMessage");
    }

    private static Envelope envelope(JmsSubmission submission, SmtpCredential credential, String queueName) {
        Client client = new Client(ROLE, queueName, 0, null, null, null);
        List<Recipient> recipients = submission.recipients().stream().map(r -> new Recipient(r, null, null)).toList();
        return new Envelope(client, credential.getUsername(), submission.mailFrom(),
                submission.eightBit() ? "8BITMIME" : null, submission.utf8Addresses(), -1, null, null, recipients);
    }

    private void rejected(String credentialName, String correlationId, String reason) {
        Optional<SmtpCredential> credential = credentialName == null ? Optional.empty()
                : accounts.credentialByUsername(credentialName);
        JsonObjectBuilder details = Jsonp.object().add("listener", ROLE).add("reason", reason);
        if (correlationId != null) {
            details.add("correlationId", correlationId);
        }
        mailEvents.record(MailEvent.of(MailEvent.Type.REJECTED, Instant.now(clock), null,
                credential.map(c -> c.getAccount().getId()).orElse(null),
                credential.map(c -> c.getAccount().getName()).orElse(null),
                credential.map(SmtpCredential::getUsername).orElse(null), null, details.build()));
    }
}
