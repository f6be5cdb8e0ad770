package org.smtpeter.tracking.control;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import org.smtpeter.events.control.MailEvent;
import org.smtpeter.events.control.MailEvents;
import org.smtpeter.platform.control.Jsonp;
import org.smtpeter.messages.control.TagFilter;
import org.smtpeter.tracking.entity.TrackingEvent;

/** Records clicks and opens, and reads them back for the REST API. */
@Stateless
public class TrackingLog {

    @PersistenceContext
    EntityManager em;

    @Inject
    MachineFetches machines;

    @Inject
    MailEvents events;

    @Inject
    Clock clock;

    public void record(TrackedLink link, String ip, String userAgent) {
        TrackingEvent.Kind kind = link.kind() == TrackingKind.CLICK ? TrackingEvent.Kind.CLICK : TrackingEvent.Kind.OPEN;
        boolean machine = machines.isMachine(ip, userAgent);
        em.persist(new TrackingEvent(kind, link.messageId(), link.recipient(), link.position(), link.target(),
                Instant.now(clock), ip, userAgent, machine));
        JsonObjectBuilder details = Jsonp.object().add("position", link.position()).add("machine", machine);
        if (!link.isPixel()) {
            details.add("url", link.target());
        }
        events.record(kind == TrackingEvent.Kind.CLICK ? MailEvent.Type.CLICKED : MailEvent.Type.OPENED,
                link.messageId(), link.recipient(), details.build());
    }

    /** Newest first; {@code messageId} and {@code recipient} filter when given. */
    public List<TrackingEvent> events(TrackingEvent.Kind kind, String messageId, String recipient, int offset, int limit) {
        return events(kind, messageId, recipient, null, TagFilter.none(), offset, limit);
    }

    /**
     * @param accountId only events of this account's messages, or null for all
     * @param tags      only events of messages with any of these tags
     */
    public List<TrackingEvent> events(TrackingEvent.Kind kind, String messageId, String recipient, Long accountId,
                                      TagFilter tags, int offset, int limit) {
        String jpql = "SELECT e FROM TrackingEvent e WHERE e.kind = :kind"
                + (accountId == null ? "" : " AND e.messagePublicId IN"
                        + " (SELECT m.publicId FROM Message m WHERE m.account.id = :account)")
                + (messageId == null ? "" : " AND e.messagePublicId = :message")
                + (recipient == null ? "" : " AND LOWER(e.recipient) = :recipient")
                + (tags.isEmpty() ? "" : " AND " + TagFilter.onPublicId("e.messagePublicId"))
                + " ORDER BY e.occurredAt DESC, e.id DESC";
        TypedQuery<TrackingEvent> query = em.createQuery(jpql, TrackingEvent.class).setParameter("kind", kind);
        if (accountId != null) {
            query.setParameter("account", accountId);
        }
        if (messageId != null) {
            query.setParameter("message", messageId);
        }
        if (recipient != null) {
            query.setParameter("recipient", recipient.toLowerCase(java.util.Locale.ROOT));
        }
        if (!tags.isEmpty()) {
            query.setParameter("tags", tags.tags());
        }
        return query.setFirstResult(offset).setMaxResults(limit).getResultList();
    }
}
