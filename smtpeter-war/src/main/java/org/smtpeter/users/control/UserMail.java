package org.smtpeter.users.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.smtpeter.delivery.control.DeliveryQueue;
import org.smtpeter.delivery.control.DeliverySettings;
import org.smtpeter.messages.control.MessageIds;
import org.smtpeter.messages.control.MessageStore;
import org.smtpeter.messages.entity.EnvelopeRecipient;
import org.smtpeter.messages.entity.Message;

/**
 * Mail the dashboard sends to a person (an invitation, a password-reset link), sent through the
 * relay itself: stored and queued in the caller's transaction like any message, so it is
 * delivered, retried and shown in the operators' message log. It belongs to no account: a link
 * in it must not show up in the log of the account's other people.
 */
@Stateless
public class UserMail {

    @PersistenceContext
    EntityManager em;

    @Inject
    MessageIds ids;

    @Inject
    MessageStore store;

    @Inject
    DeliveryQueue queue;

    @Inject
    DeliverySettings delivery;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "smtpeter.dashboard.mail-from")
    java.util.Optional<String> configuredFrom;

    public void send(String to, String subject, String text) {
        String from = configuredFrom.filter(f -> !f.isBlank()).orElse("postmaster@" + delivery.hostName());
        byte[] raw = compose(from, to, subject, text);
        Instant now = Instant.now(clock);
        Message message = new Message(ids.next(), now, raw.length);
        message.sentBy(null, null);
        message.receivedFrom("dashboard", "127.0.0.1", delivery.hostName(), null, null);
        message.envelope(from, null, false, -1, null, null, List.of(new EnvelopeRecipient(to, null, null)));
        em.persist(message);
        store.write(message, raw);
        queue.enqueue(message);
    }

    static byte[] compose(String from, String to, String subject, String text) {
        try {
            MimeMessage mime = new MimeMessage(Session.getInstance(new Properties()));
            mime.setFrom(new InternetAddress(from, "SMTPeter relay"));
            mime.setRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(to));
            mime.setSubject(subject, "UTF-8");
            mime.setText(text, "UTF-8");
            mime.setSentDate(new java.util.Date());
            mime.setHeader("Auto-Submitted", "auto-generated");
            mime.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            mime.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException e) {
            throw new IllegalArgumentException("cannot write a mail to " + to + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
