package org.smtpeter.messagelog.control;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.smtpeter.bounces.entity.Bounce;
import org.smtpeter.delivery.entity.Delivery;
import org.smtpeter.delivery.entity.DeliveryAttempt;
import org.smtpeter.messages.entity.EnvelopeRecipient;
import org.smtpeter.messages.entity.Message;
import org.smtpeter.tracking.entity.TrackingEvent;
import org.smtpeter.unsubscribe.entity.Unsubscribe;

/**
 * A message's whole life in time order: accepted, each attempt with the remote reply, each
 * recipient's outcome, what came back, opens, clicks and unsubscribes. The REST API and the dashboard show it.
 */
@Stateless
public class MessageTimeline {

    /** Opens and clicks can run into thousands for one message; the timeline shows the first ones. */
    static final int MAX_TRACKING_EVENTS = 1000;

    @PersistenceContext
    EntityManager em;

    /** @return the events sorted by time, empty for an unknown message */
    public List<TimelineEvent> timeline(String publicId) {
        List<Message> found = em.createNamedQuery(Message.BY_PUBLIC_ID, Message.class)
                .setParameter("publicId", publicId).getResultList();
        if (found.isEmpty()) {
            return List.of();
        }
        List<TimelineEvent> events = new ArrayList<>();
        events.add(accepted(found.get(0)));
        // Deliveries are read before attempts: an outcome commits with its last attempt, and each query
        // sees what was committed when it ran, so an outcome read first has its attempt in the second.
        List<Delivery> deliveries = deliveries(publicId);
        attempts(publicId).forEach(a -> events.add(attempt(a)));
        deliveries.stream().filter(d -> d.getState().isFinal() && d.getFinishedAt() != null)
                .forEach(d -> events.add(outcome(d)));
        bounces(publicId).forEach(b -> events.add(bounce(b)));
        tracking(publicId).forEach(e -> events.add(tracking(e)));
        unsubscribes(publicId).forEach(u -> events.add(unsubscribe(u)));
        // A stable sort: at equal times the order above (cause before effect) stands.
        events.sort(Comparator.comparing(TimelineEvent::time));
        List<String> tags = found.get(0).getTags();
        return events.stream().map(event -> event.tagged(tags)).toList();
    }

    private List<DeliveryAttempt> attempts(String publicId) {
        return em.createQuery("SELECT a FROM DeliveryAttempt a WHERE a.messagePublicId = :id ORDER BY a.startedAt, a.id",
                DeliveryAttempt.class).setParameter("id", publicId).getResultList();
    }

    private List<Delivery> deliveries(String publicId) {
        return em.createQuery("SELECT d FROM Delivery d WHERE d.message.publicId = :id ORDER BY d.id", Delivery.class)
                .setParameter("id", publicId).getResultList();
    }

    private List<Bounce> bounces(String publicId) {
        return em.createQuery("SELECT b FROM Bounce b WHERE b.messagePublicId = :id ORDER BY b.occurredAt, b.id",
                Bounce.class).setParameter("id", publicId).getResultList();
    }

    private List<TrackingEvent> tracking(String publicId) {
        return em.createQuery("SELECT e FROM TrackingEvent e WHERE e.messagePublicId = :id ORDER BY e.occurredAt, e.id",
                TrackingEvent.class).setParameter("id", publicId).setMaxResults(MAX_TRACKING_EVENTS).getResultList();
    }

    private List<Unsubscribe> unsubscribes(String publicId) {
        return em.createNamedQuery(Unsubscribe.OF_MESSAGE, Unsubscribe.class).setParameter("message", publicId)
                .getResultList();
    }

    private static TimelineEvent accepted(Message m) {
        Details details = new Details()
                .put("sender", m.getReversePath())
                .put("recipients", String.join(", ", m.getRecipients().stream().map(EnvelopeRecipient::getAddress).toList()))
                .put("subject", m.getSubject())
                .put("size", String.valueOf(m.getSize()))
                .put("listener", m.getListenerRole())
                .put("clientAddress", m.getClientAddress())
                .put("clientHelo", m.getClientHelo())
                .put("tlsProtocol", m.getTlsProtocol())
                .put("tlsCipher", m.getTlsCipher())
                .put("account", m.getAccount() == null ? null : m.getAccount().getName())
                .put("credential", m.getCredentialUsername())
                .put("features", m.getFeatures())
                .put("tags", m.getTags().isEmpty() ? null : String.join(",", m.getTags()))
                .put("processingNote", m.getProcessingNote());
        String tls = m.getTlsProtocol() == null ? "without TLS" : "over " + m.getTlsProtocol();
        String who = m.getCredentialUsername() == null ? "" : " as " + m.getCredentialUsername();
        return new TimelineEvent(m.getReceivedAt(), "accepted",
                "Accepted from " + m.getClientAddress() + " " + tls + who, details.map());
    }

    private static TimelineEvent attempt(DeliveryAttempt a) {
        String outcome = lower(a.getOutcome());
        Details details = new Details()
                .put("recipient", a.getRecipient())
                .put("outcome", outcome)
                .put("code", String.valueOf(a.getCode()))
                .put("enhancedCode", a.getEnhancedCode())
                .put("reply", a.getReply())
                .put("remoteHost", a.getRemoteHost())
                .put("remoteIp", a.getRemoteIp())
                .put("tlsProtocol", a.getTlsProtocol())
                .put("durationMillis", String.valueOf(a.getDurationMillis()))
                .put("deliveryId", String.valueOf(a.getDelivery().getId()));
        return new TimelineEvent(a.getStartedAt(), "attempt",
                "Attempt for " + a.getRecipient() + " at " + a.getRemoteHost() + ": " + a.getCode() + " (" + outcome + ")",
                details.map());
    }

    private static TimelineEvent outcome(Delivery d) {
        String state = lower(d.getState());
        Details details = new Details()
                .put("recipient", d.getRecipient())
                .put("attempts", String.valueOf(d.getAttempts()))
                .put("lastCode", d.getLastCode() == null ? null : String.valueOf(d.getLastCode()))
                .put("lastEnhancedCode", d.getLastEnhancedCode())
                .put("lastReply", d.getLastReply())
                .put("lastRemoteHost", d.getLastRemoteHost())
                .put("deliveryId", String.valueOf(d.getId()));
        return new TimelineEvent(d.getFinishedAt(), state, capitalized(state) + ": " + d.getRecipient(), details.map());
    }

    private static TimelineEvent bounce(Bounce b) {
        String type = "complaint".equals(b.getKind()) ? "complaint" : "bounce";
        Details details = new Details()
                .put("recipient", b.getRecipient())
                .put("reportedRecipient", b.getReportedRecipient())
                .put("kind", b.getKind())
                .put("bucket", b.getBucket())
                .put("hardness", b.getHardness())
                .put("status", b.getStatus())
                .put("category", b.getCategory())
                .put("diagnostic", b.getDiagnostic())
                .put("sourceMessageId", b.getSourceMessagePublicId());
        String what = type.equals("complaint") ? "Complaint" : b.getHardness() == null ? "Response"
                : capitalized(b.getHardness()) + " bounce";
        String about = b.getReportedRecipient() == null ? b.getRecipient() : b.getReportedRecipient();
        return new TimelineEvent(b.getOccurredAt(), type, what + " from " + about
                + (b.getCategory() == null ? "" : " (" + b.getCategory() + ")"), details.map());
    }

    private static TimelineEvent tracking(TrackingEvent e) {
        String type = lower(e.getKind());
        Details details = new Details()
                .put("recipient", e.getRecipient())
                .put("url", e.getUrl() == null || e.getUrl().isEmpty() ? null : e.getUrl())
                .put("position", String.valueOf(e.getPosition()))
                .put("ip", e.getIp())
                .put("userAgent", e.getUserAgent())
                .put("machine", String.valueOf(e.isMachine()));
        String by = e.isMachine() ? " (machine)" : "";
        String summary = e.getKind() == TrackingEvent.Kind.CLICK
                ? "Click by " + e.getRecipient() + by + " on " + e.getUrl()
                : "Open by " + e.getRecipient() + by;
        return new TimelineEvent(e.getOccurredAt(), type, summary, details.map());
    }

    private static TimelineEvent unsubscribe(Unsubscribe u) {
        Details details = new Details()
                .put("recipient", u.getRecipient())
                .put("method", u.getMethod())
                .put("ip", u.getIp())
                .put("userAgent", u.getUserAgent());
        return new TimelineEvent(u.getOccurredAt(), "unsubscribed",
                "Unsubscribed: " + u.getRecipient() + " (" + u.getMethod() + ")", details.map());
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static String capitalized(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    /** An ordered map that skips absent values. */
    private static final class Details {
        private final Map<String, String> map = new LinkedHashMap<>();

        Details put(String key, String value) {
            if (value != null && !value.isEmpty()) {
                map.put(key, value);
            }
            return this;
        }

        Map<String, String> map() {
            return map;
        }
    }
}
