package org.smtpeter.bounces.control;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.smtpeter.unsubscribe.control.Unsubscribes;
import org.smtpeter.unsubscribe.entity.Unsubscribe;
import org.smtpeter.bounces.entity.Bounce;
import org.smtpeter.delivery.control.SenderNotifications;
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
    SenderNotifications notifications;

    @Inject
    Unsubscribes unsubscribes;

    @Inject
    Clock clock;

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
                if (gate.isUnsubscribeAddress(verp.getAddress())) {
                    // Whatever the mail says: writing to the address is the request (RFC 2369).
                    unsubscribes.unsubscribe(original.getPublicId(), delivery.getRecipient(), Unsubscribe.Method.MAILTO,
                            incoming.getClientAddress(), null);
                    return;
                }
                List<Bounce> records = bounces(report, delivery, incoming, now);
                records.get(0).forwarding(forward(report, delivery, incoming, raw, now));
                bounces.record(original.getAccount(), records.get(0));
                records.subList(1, records.size()).forEach(other -> bounces.recordWithoutSuppressing(other));
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
        notifications.forwardToSender(delivery.getMessage(), notice.compose(delivery, incoming, report, raw), now);
        return Bounce.FORWARDED;
    }

    /**
     * One record per recipient the report names as failed (at least one record): the VERP address
     * says which delivery this is about, the report what happened to each recipient it names. The
     * first record decides for the delivery's recipient (suppression, forwarding): the reported
     * recipient with the delivery's address, else the only one, else a soft one if there is any
     * (hard only when every failed recipient is); the others are kept without suppressing.
     */
    static List<Bounce> bounces(BounceReport report, Delivery delivery, Message incoming, Instant now) {
        List<RecipientReport> named = report.failedRecipients().isEmpty() ? report.recipients() : report.failedRecipients();
        if (named.isEmpty()) {
            return List.of(bounce(report, delivery, incoming, now, Optional.empty()));
        }
        RecipientReport deciding = named.stream()
                .filter(r -> r.address() != null && r.address().equalsIgnoreCase(delivery.getRecipient()))
                .findFirst()
                .or(() -> named.stream().filter(r -> r.hardness() != Classification.Hardness.HARD).findFirst())
                .orElse(named.get(0));
        List<Bounce> records = new ArrayList<>();
        records.add(bounce(report, delivery, incoming, now, Optional.of(deciding)).reportedAbout(deciding.address()));
        for (RecipientReport other : named) {
            if (other != deciding) {
                records.add(bounce(report, delivery, incoming, now, Optional.of(other)).reportedAbout(other.address()));
            }
        }
        return records;
    }

    private static Bounce bounce(BounceReport report, Delivery delivery, Message incoming, Instant now,
                                 Optional<RecipientReport> about) {
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
