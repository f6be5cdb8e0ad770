package org.smtpeter.messagelog.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import org.smtpeter.messages.entity.Message;
import org.smtpeter.messages.control.MessageStore;
import org.smtpeter.messages.control.TagFilter;

/** Reads accepted messages for the REST API and the dashboard. */
@Stateless
public class MessageLog {

    @PersistenceContext
    EntityManager em;

    @Inject
    MessageStore store;

    public Optional<Message> find(String publicId) {
        return em.createNamedQuery(Message.BY_PUBLIC_ID, Message.class).setParameter("publicId", publicId)
                .getResultStream().findFirst();
    }

    /** The message when it exists and, for a non-null {@code accountId}, belongs to that account. */
    public Optional<Message> find(String publicId, Long accountId) {
        return find(publicId).filter(m -> accountId == null
                || m.getAccount() != null && accountId.equals(m.getAccount().getId()));
    }

    public Optional<byte[]> source(String publicId) {
        return find(publicId).map(store::read);
    }

    /** Newest first; {@code sender} filters on the envelope sender when given. */
    public List<Message> list(String sender, int offset, int limit) {
        return search(new MessageSearch(null, sender, null, null, null, null, null, null), offset, limit);
    }

    /** Newest first. */
    public List<Message> search(MessageSearch search, int offset, int limit) {
        Conditions conditions = Conditions.of(search);
        TypedQuery<Message> query = em.createQuery("SELECT m FROM Message m" + conditions.where()
                + " ORDER BY m.receivedAt DESC, m.id DESC", Message.class);
        conditions.bind(query);
        return query.setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public long count(MessageSearch search) {
        Conditions conditions = Conditions.of(search);
        TypedQuery<Long> query = em.createQuery("SELECT COUNT(m) FROM Message m" + conditions.where(), Long.class);
        conditions.bind(query);
        return query.getSingleResult();
    }

    /** The WHERE clause of a search, with its parameters; plain JPQL, so H2 and PostgreSQL both run it. */
    private static final class Conditions {
        private final List<String> clauses = new ArrayList<>();
        private final List<Object[]> parameters = new ArrayList<>();

        static Conditions of(MessageSearch search) {
            Conditions c = new Conditions();
            if (search.accountId() != null) {
                c.add("m.account.id = :account", "account", search.accountId());
            }
            if (search.sender() != null) {
                c.add("LOWER(m.reversePath) = :sender", "sender", search.sender().toLowerCase(Locale.ROOT));
            }
            if (search.recipient() != null) {
                c.add("EXISTS (SELECT m2.id FROM Message m2 JOIN m2.recipients r WHERE m2.id = m.id"
                        + " AND LOWER(r.address) = :recipient)", "recipient", search.recipient().toLowerCase(Locale.ROOT));
            }
            if (search.subject() != null) {
                c.add("LOWER(m.subject) LIKE :subject ESCAPE '!'", "subject", contains(search.subject()));
            }
            if (search.messageId() != null) {
                c.add("m.publicId = :publicId", "publicId", search.messageId());
            }
            if (search.from() != null) {
                c.add("m.receivedAt >= :from", "from", search.from());
            }
            if (search.to() != null) {
                c.add("m.receivedAt < :to", "to", search.to());
            }
            if (search.state() != null) {
                c.add("EXISTS (SELECT d.id FROM Delivery d WHERE d.message = m AND d.state = :state)",
                        "state", search.state());
            }
            if (!search.tags().isEmpty()) {
                c.add(TagFilter.onMessage("m"), "tags", search.tags().tags());
            }
            return c;
        }

        /** A LIKE pattern for "contains", any case, with the user's own % and _ taken literally. */
        private static String contains(String text) {
            String escaped = text.toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_");
            return "%" + escaped + "%";
        }

        private void add(String clause, String name, Object value) {
            clauses.add(clause);
            parameters.add(new Object[] {name, value});
        }

        String where() {
            return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
        }

        void bind(TypedQuery<?> query) {
            parameters.forEach(p -> query.setParameter((String) p[0], p[1]));
        }
    }
}
