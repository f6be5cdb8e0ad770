package org.smtpeter.bounces.control;

import java.util.List;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import org.smtpeter.messages.control.TagFilter;
import org.smtpeter.bounces.entity.Bounce;

/** Reads what came back, for the REST API: bounces, and complaints (SMTPeter's "abuses" log). */
@Stateless
public class BounceLog {

    @PersistenceContext
    EntityManager em;

    /**
     * @param complaints true for the abuses log, false for everything else that came back
     */
    public List<Bounce> list(boolean complaints, String messageId, String recipient, int offset, int limit) {
        return list(complaints, messageId, recipient, null, TagFilter.none(), offset, limit);
    }

    /**
     * @param accountId only this account's, or null for all
     * @param tags      only of messages with any of these tags
     */
    public List<Bounce> list(boolean complaints, String messageId, String recipient, Long accountId, TagFilter tags,
                             int offset, int limit) {
        String jpql = "SELECT b FROM Bounce b WHERE b.kind " + (complaints ? "=" : "<>") + " 'complaint'"
                + (accountId == null ? "" : " AND b.accountId = :account")
                + (messageId == null ? "" : " AND b.messagePublicId = :message")
                + (recipient == null ? "" : " AND b.recipient = :recipient")
                + (tags.isEmpty() ? "" : " AND " + TagFilter.onPublicId("b.messagePublicId"))
                + " ORDER BY b.occurredAt DESC, b.id DESC";
        TypedQuery<Bounce> query = em.createQuery(jpql, Bounce.class);
        if (accountId != null) {
            query.setParameter("account", accountId);
        }
        if (messageId != null) {
            query.setParameter("message", messageId);
        }
        if (recipient != null) {
            query.setParameter("recipient", recipient.strip().toLowerCase(java.util.Locale.ROOT));
        }
        if (!tags.isEmpty()) {
            query.setParameter("tags", tags.tags());
        }
        return query.setFirstResult(offset).setMaxResults(limit).getResultList();
    }
}
