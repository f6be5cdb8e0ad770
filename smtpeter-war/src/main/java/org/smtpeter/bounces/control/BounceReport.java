package org.smtpeter.bounces.control;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a message that arrived at the bounce address says: its {@link Kind}, SMTPeter's
 * {@link Bucket}, the recipients it reports on (classified), the complaint fields for an ARF
 * report, and what it quotes of the original message, so a bounce without a usable VERP token can
 * still be linked back.
 *
 * @param kind         what the message is
 * @param recipients   the recipients a DSN or a plain-text bounce reports on, in report order;
 *                     empty for replies, complaints and unknown messages
 * @param feedback     the RFC 5965 fields, present only for {@link Kind#COMPLAINT}
 * @param original     the returned original message's headers, or {@link OriginalMessage#NONE}
 * @param from         the address in the arrived message's From header (the replier for
 *                     responses), or null
 * @param subject      the decoded Subject, or null
 * @param reportingMta the DSN's Reporting-MTA name, or null
 * @param structured   true when it came as a machine-readable report (RFC 6522 multipart/report
 *                     with a delivery-status or feedback-report part), false when recognised by
 *                     patterns; with NOTIFY=NEVER only structured DSNs are swallowed
 * @param reason       a short human-readable explanation of the verdict (for logs and UNKNOWN)
 */
public record BounceReport(Kind kind, List<RecipientReport> recipients, Optional<FeedbackReport> feedback,
                           OriginalMessage original, String from, String subject, String reportingMta,
                           boolean structured, String reason) {

    /** What the arrived message is. */
    public enum Kind {
        /** An RFC 3464 DSN with at least one recipient whose Action is failed. */
        DSN_FAILURE(Bucket.FAILURE),
        /** A delay notice (Action: delayed, or a recognised plain-text warning); never a bounce. */
        DSN_DELAYED(Bucket.BOUNCE),
        /** A success DSN (Action: delivered or expanded); not a bounce. */
        DSN_DELIVERED(Bucket.BOUNCE),
        /** A DSN saying the message was relayed to a system that does not send DSNs; not a bounce. */
        DSN_RELAYED(Bucket.BOUNCE),
        /** A failure recognised in free text (Exim, qmail, Exchange, Gmail, Yahoo, ...). */
        NON_STANDARD_BOUNCE(Bucket.BOUNCE),
        /** An automatic answer: out-of-office, vacation, RFC 3834 auto-reply, challenge-response. */
        AUTO_REPLY(Bucket.RESPONSE),
        /** A person answered (a reply to the original message, e.g. "please remove me"). */
        HUMAN_REPLY(Bucket.RESPONSE),
        /** An RFC 5965 feedback report (abuse, fraud, virus, other). */
        COMPLAINT(Bucket.ABUSE),
        /** Could not be understood: broken MIME, empty, or no markers at all. */
        UNKNOWN(Bucket.BOUNCE);

        private final Bucket bucket;

        Kind(Bucket bucket) {
            this.bucket = bucket;
        }

        public Bucket bucket() {
            return bucket;
        }
    }

    /**
     * SMTPeter's documented logs: failure = a recognised DSN failure, bounce =
     * anything else that came back to the envelope, response = replies that are not bounces.
     * Complaints go to SMTPeter's separate abuses log, hence a fourth value.
     */
    public enum Bucket {
        FAILURE, BOUNCE, RESPONSE, ABUSE
    }

    public BounceReport {
        Objects.requireNonNull(kind, "kind");
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(feedback, "feedback");
        Objects.requireNonNull(original, "original");
    }

    /** An UNKNOWN report for a message that could not be read at all. */
    static BounceReport unknown(String reason) {
        return new BounceReport(Kind.UNKNOWN, List.of(), Optional.empty(), OriginalMessage.NONE, null, null, null,
                false, reason);
    }

    /** SMTPeter's bucket for this report. */
    public Bucket bucket() {
        return kind.bucket();
    }

    /** True for a failure report (structured or not): the recipients' classifications apply. */
    public boolean isBounce() {
        return kind == Kind.DSN_FAILURE || kind == Kind.NON_STANDARD_BOUNCE;
    }

    /** The recipients whose delivery failed (Action: failed, or listed in a plain-text bounce). */
    public List<RecipientReport> failedRecipients() {
        return recipients.stream().filter(r -> r.classification().isFailure()).toList();
    }

    /**
     * One outcome per recipient this message reports on: each reported recipient of a DSN or
     * bounce, each Original-Rcpt-To of a complaint (one without an address when redacted), the
     * replier of an automatic reply.
     */
    public List<RecipientOutcome> outcomes() {
        if (kind == Kind.COMPLAINT) {
            List<String> rcpts = feedback.map(FeedbackReport::originalRcptTo).orElse(List.of());
            return rcpts.isEmpty() ? List.of(new RecipientOutcome(null, "feedback", false))
                    : rcpts.stream().map(a -> new RecipientOutcome(a, "feedback", false)).toList();
        }
        if (kind == Kind.AUTO_REPLY) {
            return List.of(new RecipientOutcome(from, "vacation", false));
        }
        return recipients.stream().map(r -> new RecipientOutcome(r.address(), r.reason(),
                r.hardness() == Classification.Hardness.HARD)).toList();
    }

    /**
     * The addresses this message is about, to find the recipient when the VERP token is missing:
     * the reported recipients for DSNs and bounces, the Original-Rcpt-To addresses for complaints,
     * and the replier (From) for responses.
     */
    public List<String> concernedRecipients() {
        LinkedHashSet<String> addresses = new LinkedHashSet<>();
        recipients.forEach(r -> addresses.add(r.address()));
        feedback.ifPresent(f -> addresses.addAll(f.originalRcptTo()));
        if (bucket() == Bucket.RESPONSE && from != null) {
            addresses.add(from);
        }
        return new ArrayList<>(addresses);
    }
}
