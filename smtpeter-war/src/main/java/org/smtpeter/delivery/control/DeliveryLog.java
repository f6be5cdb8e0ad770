package org.smtpeter.delivery.control;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import org.smtpeter.delivery.entity.Delivery;
import org.smtpeter.delivery.entity.DeliveryAttempt;
import org.smtpeter.delivery.entity.DeliveryState;
import org.smtpeter.messages.control.TagFilter;

/** Reads the queue and the attempts log, filtered and paged, for the REST API and the dashboard. */
@Stateless
public class DeliveryLog {

    @PersistenceContext
    EntityManager em;

    /**
     * Filters; any may be null. {@code accountId} restricts to one account's messages, {@code tags}
     * to messages with any of the tags.
     */
    public record Filter(String messageId, String recipient, Instant from, Instant to, Long accountId,
                         TagFilter tags) {

        public Filter {
            tags = tags == null ? TagFilter.none() : tags;
        }

        public Filter(String messageId, String recipient, Instant from, Instant to, Long accountId) {
            this(messageId, recipient, from, to, accountId, TagFilter.none());
        }

        public Filter(String messageId, String recipient, Instant from, Instant to) {
            this(messageId, recipient, from, to, null);
        }
    }

    public List<Delivery> deliveries(Filter filter, DeliveryState state, int offset, int limit) {
        Query<Delivery> query = new Query<>("SELECT d FROM Delivery d", "d.message", "d.message.publicId",
                "d.recipient", "COALESCE(d.finishedAt, d.lastAttemptAt, d.nextAttemptAt)", filter);
        if (state != null) {
            query.where("d.state = :state", "state", state);
        }
        return query.run(em, Delivery.class, "d.id DESC", offset, limit);
    }

    public List<DeliveryAttempt> attempts(Filter filter, int offset, int limit) {
        return new Query<DeliveryAttempt>("SELECT a FROM DeliveryAttempt a", "a.delivery.message", "a.messagePublicId",
                "a.recipient", "a.startedAt", filter)
                .run(em, DeliveryAttempt.class, "a.startedAt DESC, a.id DESC", offset, limit);
    }

    public Delivery find(long id) {
        return em.find(Delivery.class, id);
    }

    /** The delivery when it exists and, for a non-null {@code accountId}, is of that account's message. */
    public Optional<Delivery> find(long id, Long accountId) {
        return Optional.ofNullable(find(id)).filter(d -> accountId == null || d.getMessage().getAccount() != null
                && accountId.equals(d.getMessage().getAccount().getId()));
    }

    /** A JPQL query assembled from optional conditions. */
    private static final class Query<T> {
        private final StringBuilder jpql;
        private final List<Object[]> parameters = new ArrayList<>();
        private boolean hasWhere;

        /** @param message the path to the record's message, {@code messageIdField} to its public id */
        Query(String select, String message, String messageIdField, String recipientField, String timeField,
              Filter filter) {
            jpql = new StringBuilder(select);
            if (filter.accountId() != null) {
                where(message + ".account.id = :account", "account", filter.accountId());
            }
            if (filter.messageId() != null) {
                where(messageIdField + " = :messageId", "messageId", filter.messageId());
            }
            if (!filter.tags().isEmpty()) {
                where(TagFilter.onMessage(message), "tags", filter.tags().tags());
            }
            if (filter.recipient() != null) {
                where("LOWER(" + recipientField + ") = :recipient", "recipient",
                        filter.recipient().toLowerCase(java.util.Locale.ROOT));
            }
            if (filter.from() != null) {
                where(timeField + " >= :from", "from", filter.from());
            }
            if (filter.to() != null) {
                where(timeField + " < :to", "to", filter.to());
            }
        }

        void where(String condition, String name, Object value) {
            jpql.append(hasWhere ? " AND " : " WHERE ").append(condition);
            hasWhere = true;
            parameters.add(new Object[] {name, value});
        }

        List<T> run(EntityManager em, Class<T> type, String order, int offset, int limit) {
            TypedQuery<T> query = em.createQuery(jpql + " ORDER BY " + order, type);
            parameters.forEach(parameter -> query.setParameter((String) parameter[0], parameter[1]));
            return query.setFirstResult(offset).setMaxResults(limit).getResultList();
        }
    }
}
