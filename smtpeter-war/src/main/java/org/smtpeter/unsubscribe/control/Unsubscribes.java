package org.smtpeter.unsubscribe.control;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.smtpeter.credentials.control.AccountClosing;
import org.smtpeter.events.control.MailEvent;
import org.smtpeter.events.control.MailEvents;
import org.smtpeter.messages.entity.Message;
import org.smtpeter.platform.control.Jsonp;
import org.smtpeter.suppressions.control.Suppressions;
import org.smtpeter.tracking.control.TrackedLink;
import org.smtpeter.unsubscribe.entity.Unsubscribe;

/**
 * A recipient unsubscribes from the account that sent them a message: the address goes on the
 * account's suppression list (reason {@code unsubscribed}), the message's timeline and the
 * statistics get a row, and an {@code unsubscribed} event goes to observers, the JMS topic and
 * webhooks. All in one transaction; doing it again for the same copy changes nothing.
 */
@Stateless
public class Unsubscribes {

    public static final String REASON = "unsubscribed";

    @PersistenceContext
    EntityManager em;

    @Inject
    Suppressions suppressions;

    @Inject
    MailEvents events;

    @Inject
    Clock clock;

    /** The message a genuine link points at, if it still exists and belongs to an account. */
    public Optional<Message> messageOf(TrackedLink link) {
        return message(link.messageId());
    }

    private Optional<Message> message(String publicId) {
        return em.createNamedQuery(Message.BY_PUBLIC_ID, Message.class).setParameter("publicId", publicId)
                .getResultStream().findFirst().filter(message -> message.getAccount() != null);
    }

    /** @return false when the message is gone or belongs to no account: nothing was done */
    public boolean unsubscribe(TrackedLink link, Unsubscribe.Method method, String ip, String userAgent) {
        return unsubscribe(link.messageId(), link.recipient(), method, ip, userAgent);
    }

    /** The same for a copy known otherwise (mail to its mailto address). */
    public boolean unsubscribe(String messageId, String recipient, Unsubscribe.Method method, String ip,
                               String userAgent) {
        Optional<Message> found = message(messageId);
        if (found.isEmpty()) {
            return false;
        }
        Message message = found.get();
        if (!em.createNamedQuery(Unsubscribe.OF_COPY, Unsubscribe.class).setParameter("message", message.getPublicId())
                .setParameter("recipient", recipient).getResultList().isEmpty()) {
            return true;
        }
        String how = method == Unsubscribe.Method.ONE_CLICK ? "one-click" : "mailto";
        suppressions.suppress(message.getAccount(), recipient, REASON,
                "unsubscribed (" + how + ") from message " + message.getPublicId());
        em.persist(new Unsubscribe(message.getAccount().getId(), message.getPublicId(), recipient, method,
                Instant.now(clock), ip, userAgent));
        events.record(MailEvent.Type.UNSUBSCRIBED, message, recipient, Jsonp.object().add("method", how).build());
        return true;
    }

    public List<Unsubscribe> ofMessage(String publicId) {
        return em.createNamedQuery(Unsubscribe.OF_MESSAGE, Unsubscribe.class).setParameter("message", publicId)
                .getResultList();
    }

    /** An account's records go with the account. */
    public void dropRecords(@Observes AccountClosing closing) {
        em.createQuery("DELETE FROM Unsubscribe u WHERE u.accountId = :account")
                .setParameter("account", closing.accountId()).executeUpdate();
    }
}
