package org.smtpeter.bounces.control;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.smtpeter.bounces.entity.Bounce;
import org.smtpeter.delivery.control.DeliveryQueue;
import org.smtpeter.delivery.entity.Delivery;
import org.smtpeter.messages.entity.EnvelopeRecipient;
import org.smtpeter.messages.entity.Message;

/**
 * Mail that arrives for the bounce domain: accepted only as {@link BounceGate} allows, stored
 * like any message, then understood and recorded against the message and recipient its VERP
 * address names, and, when the credential wants that and the forwarding limits allow it, passed
 * on to the original sender inside a {@link BounceNotice} of the relay's own.
 */
@Stateless
public class BounceIntake {

    private static final Logger LOG = Logger.getLogger(BounceIntake.class.getName());

    @Inject
    BounceGate gate;

    @Inject
    BounceParser parser;

    @Inject
    BounceNotice notice;

    @Inject
    BounceRates rates;

    @Inject
    Bounces bounces;

    @Inject
    DeliveryQueue deliveries;

    private final Clock clock = Clock.tickMillis(java.time.ZoneOffset.UTC);

    /** Called in the acceptance transaction of a message to bounce addresses. */
    public void receive(Message incoming, byte[] raw) {
        BounceReport report = parser.parse(raw);
        Instant now = Instant.now(clock);
        for (EnvelopeRecipient verp : incoming.getRecipients()) {
            gate.delivery(verp.getAddress()).ifPresent(delivery -> {
                Message original = delivery.getMessage();
                if (incoming.getAccount() == null) {
                    incoming.sentBy(original.getAccount(), null);
                }
                Bounce bounce = bounce(report, delivery, incoming, now);
                bounce.forwarding(forward(report, delivery, incoming, raw, now));
                bounces.record(original.getAccount(), bounce);
            });
        }
    }

    /** @return what became of the forward, for the bounce's record */
    private String forward(BounceReport report, Delivery delivery, Message incoming, byte[] raw, Instant now) {
        if (!shouldForward(report, delivery)) {
            return Bounce.NOT_FORWARDED;
        }
        if (rates.forward(delivery.getBounceToken(), incoming.getClientAddress()) != BounceRates.Verdict.ALLOWED) {
            LOG.info(() -> "not forwarding " + incoming.getPublicId() + " (about message "
                    + delivery.getMessage().getPublicId() + "): over the forwarding limit");
            return Bounce.OVER_FORWARDING_LIMIT;
        }
        deliveries.forwardToSender(delivery.getMessage(), notice.compose(delivery, incoming, report, raw), now);
        return Bounce.FORWARDED;
    }

    /** The VERP address says which recipient this is about; the report says what happened to it. */
    private static Bounce bounce(BounceReport report, Delivery delivery, Message incoming, Instant now) {
        Optional<RecipientReport> about = report.recipients().stream()
                .filter(r -> r.address() != null && r.address().equalsIgnoreCase(delivery.getRecipient()))
                .findFirst()
                .or(() -> report.recipients().size() == 1 ? Optional.of(report.recipients().get(0)) : Optional.empty());
        Classification.Hardness hardness = about.map(RecipientReport::hardness).orElse(Classification.Hardness.NONE);
        Message original = delivery.getMessage();
        return new Bounce(now, original.getAccount() == null ? null : original.getAccount().getId(),
                original.getPublicId(), delivery.getRecipient(), kind(report.kind()),
                report.bucket().name().toLowerCase(Locale.ROOT),
                hardness == Classification.Hardness.NONE ? null : hardness.name().toLowerCase(Locale.ROOT),
                about.map(RecipientReport::status).orElse(null),
                about.map(RecipientReport::reason).or(() -> report.feedback().map(FeedbackReport::feedbackType)).orElse(null),
                about.map(r -> r.reported().diagnostic()).orElse(report.subject()),
                incoming.getPublicId());
    }

    /** Per credential; a recognised DSN for a recipient that asked NOTIFY=NEVER is swallowed. */
    private static boolean shouldForward(BounceReport report, Delivery delivery) {
        Message original = delivery.getMessage();
        if (original.getCredential() == null || !original.getCredential().isForwardBounces()
                || original.getReversePath() == null || original.getReversePath().isEmpty()) {
            return false;
        }
        boolean recognisedDsn = report.structured() && report.kind().name().startsWith("DSN_");
        boolean never = original.getRecipients().stream()
                .filter(r -> r.getAddress().equalsIgnoreCase(delivery.getRecipient()))
                .anyMatch(r -> "NEVER".equals(r.getNotifyConditions()));
        return !(recognisedDsn && never);
    }

    private static String kind(BounceReport.Kind kind) {
        return switch (kind) {
            case DSN_FAILURE -> "dsn-failure";
            case DSN_DELAYED -> "dsn-delayed";
            case DSN_DELIVERED -> "dsn-delivered";
            case DSN_RELAYED -> "dsn-relayed";
            case NON_STANDARD_BOUNCE -> "non-standard";
            case AUTO_REPLY -> "auto-reply";
            case HUMAN_REPLY -> "reply";
            case COMPLAINT -> "complaint";
            case UNKNOWN -> "unknown";
        };
    }
}
