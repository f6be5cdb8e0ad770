package org.smtpeter.messages.control;

import java.util.List;
import java.util.Optional;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import org.smtpeter.messages.entity.Message;
import org.smtpeter.messages.entity.MessageSource;

/** Reads accepted messages for the REST API (and later the dashboard). */
@Stateless
public class MessageLog {

    @PersistenceContext
    EntityManager em;

    public Optional<Message> find(String publicId) {
        return em.createNamedQuery(Message.BY_PUBLIC_ID, Message.class).setParameter("publicId", publicId)
                .getResultStream().findFirst();
    }

    public Optional<byte[]> source(String publicId) {
        return find(publicId).map(message -> em.find(MessageSource.class, message.getId()).getRaw());
    }

    /** Newest first; {@code sender} filters on the exact envelope sender when given. */
    public List<Message> list(String sender, int offset, int limit) {
        String jpql = "SELECT m FROM Message m" + (sender == null ? "" : " WHERE m.reversePath = :sender")
                + " ORDER BY m.receivedAt DESC, m.id DESC";
        TypedQuery<Message> query = em.createQuery(jpql, Message.class);
        if (sender != null) {
            query.setParameter("sender", sender);
        }
        return query.setFirstResult(offset).setMaxResults(limit).getResultList();
    }
}
