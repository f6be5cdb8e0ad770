package org.smtpeter.delivery.control;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.smtpeter.delivery.entity.Delivery;
import org.smtpeter.delivery.entity.DeliveryAttempt;
import org.smtpeter.delivery.entity.DeliveryState;
import org.smtpeter.messages.entity.Message;

/**
 * What happens after a share was sent, in one transaction (with other shares' when they end
 * together): for each delivery whose claim still
 * holds, the attempt is recorded and the delivery moves on (its state transitions are
 * {@link Delivery#afterAttempt}), subscribers hear of it, a final refusal is announced to bounce
 * tracking, and the sender gets the notifications they asked for.
 */
@Stateless
public class AfterAttempt {

    @PersistenceContext
    EntityManager em;

    @Inject
    DeliverySettings settings;

    @Inject
    DeliveryReports reports;

    @Inject
    DeliveryEvents events;

    @Inject
    SenderNotifications notifications;

    @Inject
    Event<NextHopRefusal> refusals;

    @Inject
    Clock clock;

    /** One share's attempts and the claims they were made under. */
    public record Share(List<AttemptResult> results, List<DeliveryQueue.Claimed> claims) {
    }

    /** Several shares in one transaction, so that they share its commit ({@link AttemptRecords}). */
    public void recordAll(List<Share> shares) {
        List<AttemptResult> results = shares.stream().flatMap(share -> share.results().stream()).toList();
        if (results.isEmpty()) {
            return;
        }
        Instant now = Instant.now(clock);
        Map<Long, Instant> leases = new HashMap<>();
        shares.forEach(share -> share.claims().forEach(claim -> leases.put(claim.deliveryId(), claim.lease())));
        loadWithMessages(results);
        Map<Message, List<DeliveryReports.Entry>> notices = new LinkedHashMap<>();
        for (AttemptResult result : results) {
            Delivery delivery = em.find(Delivery.class, result.deliveryId());
            if (!stillClaimed(delivery, leases.get(delivery.getId()))) {
                continue;
            }
            if (result.busy()) {
                delivery.requeue(now.plusSeconds(1));
                continue;
            }
            Reply reply = finalReply(delivery, result.reply(), now);
            String remoteHost = result.hop() == null ? null : result.hop().host();
            DeliveryAttempt.Outcome outcome = delivery.afterAttempt(now, reply.code(), reply.enhancedCode(),
                    reply.text(), remoteHost, reply.isPermanent() || delivery.hasExpiredAt(now), settings::retryDelay);
            saveAttempt(delivery, result, reply, remoteHost, outcome);
            events.attempted(delivery, outcome, reply, remoteHost, result.millis());
            if (outcome == DeliveryAttempt.Outcome.FAILED) {
                refusals.fire(new NextHopRefusal(delivery, reply.code(), reply.enhancedCode(), reply.toString()));
            }
            noticeFor(delivery, outcome).filter(action -> reports.isWanted(delivery, action))
                    .ifPresent(action -> notices.computeIfAbsent(delivery.getMessage(), m -> new ArrayList<>())
                            .add(new DeliveryReports.Entry(delivery, action, reply, remoteHost, now)));
        }
        notices.forEach((message, entries) -> notifications.report(message, entries, now));
    }

    /** All of them, with their messages, in one query; the finds after it are answered from memory. */
    private void loadWithMessages(List<AttemptResult> results) {
        em.createNamedQuery(Delivery.WITH_MESSAGES, Delivery.class)
                .setParameter("ids", results.stream().map(AttemptResult::deliveryId).toList())
                .getResultList();
    }

    /** Not when an operator cancelled it meanwhile, or our claim lapsed and another worker has it. */
    private static boolean stillClaimed(Delivery delivery, Instant lease) {
        return delivery.getState() == DeliveryState.SENDING && delivery.getNextAttemptAt().equals(lease);
    }

    /** A transient reply after the delivery time is over ends it, with a reply that says so. */
    private static Reply finalReply(Delivery delivery, Reply reply, Instant now) {
        if (reply.isSuccess() || reply.isPermanent() || !delivery.hasExpiredAt(now)) {
            return reply;
        }
        return Reply.local("4.4.7", "delivery time expired after " + (delivery.getAttempts() + 1)
                + " attempts; last reply: " + reply);
    }

    private void saveAttempt(Delivery delivery, AttemptResult result, Reply reply, String remoteHost,
                             DeliveryAttempt.Outcome outcome) {
        em.persist(new DeliveryAttempt(delivery, result.startedAt(), result.millis(), remoteHost,
                result.hop() == null ? null : result.hop().address().getHostAddress(),
                reply.code(), reply.enhancedCode(), reply.text(), result.tls(), outcome));
    }

    /** Delivered and failed may be notified; a delay only the first time. */
    private static java.util.Optional<DeliveryReports.Action> noticeFor(Delivery delivery, DeliveryAttempt.Outcome outcome) {
        return java.util.Optional.ofNullable(switch (outcome) {
            case DELIVERED -> DeliveryReports.Action.DELIVERED;
            case FAILED -> DeliveryReports.Action.FAILED;
            case DEFERRED -> delivery.firstDelay() ? DeliveryReports.Action.DELAYED : null;
        });
    }
}
