package org.smtpeter.bounces.control;

import java.time.Clock;
import java.time.Instant;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.smtpeter.bounces.entity.Bounce;
import org.smtpeter.credentials.entity.Account;
import org.smtpeter.delivery.control.NextHopRefusal;
import org.smtpeter.delivery.entity.Delivery;
import org.smtpeter.events.control.MailEvent;
import org.smtpeter.events.control.MailEvents;
import org.smtpeter.platform.control.Jsonp;
import org.smtpeter.suppressions.control.Suppressions;

/**
 * Records what came back for a recipient and what it means for the account: a hard bounce or a
 * complaint suppresses the address at once, soft bounces after {@code smtpeter.bounces.soft-limit}.
 */
@Stateless
public class Bounces {

    @PersistenceContext
    EntityManager em;

    @Inject
    Suppressions suppressions;

    @Inject
    BounceClassifier classifier;

    @Inject
    MailEvents events;

    @Inject
    @ConfigProperty(name = "smtpeter.bounces.soft-limit", defaultValue = "5")
    int softLimit;

    @Inject
    Clock clock;

    /** Our own queue saw a permanent refusal: the same record as a bounce that came back later. */
    public void refusedByNextHop(@Observes NextHopRefusal refusal) {
        Delivery delivery = refusal.delivery();
        int code = refusal.code();
        String enhancedCode = refusal.enhancedCode();
        String text = refusal.reply();
        Classification classification = classifier.classify(ReportedRecipient.Action.FAILED, enhancedCode,
                code > 0 ? code + " " + text : text);
        Classification.Hardness hardness = classification.hardness();
        record(delivery.getMessage().getAccount(), new Bounce(Instant.now(clock), accountId(delivery),
                delivery.getMessage().getPublicId(), delivery.getRecipient(), "smtp-failure", "failure",
                hardness == Classification.Hardness.NONE ? null : hardness.name().toLowerCase(java.util.Locale.ROOT),
                classification.status(), classification.reason(), text, null));
    }

    /**
     * Stores a further recipient of a report that named several: for the record and the
     * statistics; the first record of the report already decided about the delivery's recipient.
     */
    public Bounce recordWithoutSuppressing(Bounce bounce) {
        em.persist(bounce);
        return bounce;
    }

    /** Stores the bounce and applies the suppression rules. */
    public Bounce record(Account account, Bounce bounce) {
        em.persist(bounce);
        if (account == null) {
            return bounce;
        }
        announce(bounce);
        if ("complaint".equals(bounce.getKind())) {
            if (!FeedbackReport.suppresses(bounce.getCategory())) {
                return bounce;
            }
            suppressions.suppress(account, bounce.getRecipient(), "complaint", bounce.getDiagnostic());
        } else if ("hard".equals(bounce.getHardness())) {
            suppressions.suppress(account, bounce.getRecipient(), "hard-bounce", bounce.getDiagnostic());
        } else if ("soft".equals(bounce.getHardness()) && softBounces(account, bounce.getRecipient()) >= softLimit) {
            suppressions.suppress(account, bounce.getRecipient(), "soft-bounces",
                    softLimit + " soft bounces; last: " + bounce.getDiagnostic());
        }
        return bounce;
    }

    /**
     * A complaint, or a bounce that came back after delivery; refusals our own queue saw were
     * already announced as {@code failed}, and auto-replies are no news to subscribers.
     */
    private void announce(Bounce bounce) {
        MailEvent.Type type = "complaint".equals(bounce.getKind()) ? MailEvent.Type.COMPLAINED
                : bounce.getHardness() != null && !"smtp-failure".equals(bounce.getKind()) ? MailEvent.Type.BOUNCED
                : null;
        if (type == null || bounce.getMessagePublicId() == null) {
            return;
        }
        JsonObjectBuilder details = Jsonp.object().add("kind", bounce.getKind());
        addIfPresent(details, "hardness", bounce.getHardness());
        addIfPresent(details, "status", bounce.getStatus());
        addIfPresent(details, "category", bounce.getCategory());
        addIfPresent(details, "diagnostic", bounce.getDiagnostic());
        events.record(type, bounce.getMessagePublicId(), bounce.getRecipient(), details.build());
    }

    private static void addIfPresent(JsonObjectBuilder details, String name, String value) {
        if (value != null) {
            details.add(name, value);
        }
    }

    private long softBounces(Account account, String recipient) {
        return em.createQuery("SELECT COUNT(b) FROM Bounce b WHERE b.accountId = :account AND b.recipient = :recipient"
                        // Further recipients of one report (reported address, no forwarding outcome) count once.
                        + " AND b.hardness = 'soft' AND (b.reportedRecipient IS NULL OR b.forwarding IS NOT NULL)", Long.class)
                .setParameter("account", account.getId()).setParameter("recipient", recipient).getSingleResult();
    }

    private static Long accountId(Delivery delivery) {
        return delivery.getMessage().getAccount() == null ? null : delivery.getMessage().getAccount().getId();
    }
}
