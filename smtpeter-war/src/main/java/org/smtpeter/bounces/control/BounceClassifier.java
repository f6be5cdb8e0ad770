package org.smtpeter.bounces.control;

import jakarta.enterprise.context.ApplicationScoped;

import org.smtpeter.bounces.control.Classification.Category;
import org.smtpeter.bounces.control.Classification.Hardness;
import org.smtpeter.bounces.control.ReportedRecipient.Action;

/**
 * Hard or soft, effective enhanced status code and reason category for one reported recipient,
 * after RFC 3463 (enhanced status codes) and the wording of the diagnostic.
 *
 * <p>The rules, in short: only Action failed is a failure (delayed, delivered, relayed and
 * expanded give {@link Hardness#NONE}); class 4 is always soft; 5.1.x (unknown user, bad domain)
 * and 5.2.1 (disabled) are hard, 5.2.2 (mailbox full) is soft; 5.7.x is soft (spam-rejected or
 * policy) unless the text is clearly a relay or authentication refusal, or clearly names an unknown
 * user; with only a generic code (a basic code, or X.0.0) the text decides, and a 55x with
 * nothing telling is hard.
 */
@ApplicationScoped
public class BounceClassifier {

    /** Classifies what a report said about one recipient. */
    public Classification classify(ReportedRecipient recipient) {
        return classify(recipient, null);
    }

    /** Classifies what a report said about one recipient, refused at the given SMTP step (or null). */
    public Classification classify(ReportedRecipient recipient, SmtpCommands.Command command) {
        return classify(recipient, command, false);
    }

    /**
     * Classifies what a report said about one recipient, refused at the given SMTP step (or null),
     * reported by a content-filtering gateway or not: such a gateway's "no such user" is its filter
     * refusing the message ({@code filtered}, soft) unless an x.1.x code says the mailbox is gone.
     */
    public Classification classify(ReportedRecipient recipient, SmtpCommands.Command command, boolean filteringGateway) {
        Classification classification = classified(recipient, command);
        if (filteringGateway && "userunknown".equals(classification.reason())
                && (classification.status() == null || StatusCodes.subjectOf(classification.status()) != 1)) {
            return new Classification(Hardness.SOFT, classification.status(), classification.category(), "filtered");
        }
        return classification;
    }

    private Classification classified(ReportedRecipient recipient, SmtpCommands.Command command) {
        // The Status comment is the reporting MTA's words too ("5.2.1 (mailbox disabled)").
        String said = recipient.diagnostic() == null || recipient.statusComment() == null ? recipient.diagnostic()
                : recipient.diagnostic() + " (" + recipient.statusComment() + ")";
        Classification classification = classify(recipient.action(), recipient.status(), said, command);
        // x-unix: the local delivery program (procmail, a pipe) failed, not the address.
        if ("x-unix".equals(recipient.diagnosticType()) && classification.isFailure()
                && java.util.Set.of("userunknown", "filtered", "undefined", "onhold").contains(classification.reason())) {
            return new Classification(Hardness.SOFT, classification.status(), classification.category(), "mailererror");
        }
        return classification;
    }

    /**
     * Classifies one recipient.
     *
     * @param action      the reported action; null counts as failed (plain-text bounces)
     * @param statusField the reported enhanced status (may carry comments), or null
     * @param diagnostic  the diagnostic text or SMTP reply, or null
     */
    public Classification classify(Action action, String statusField, String diagnostic) {
        return classify(action, statusField, diagnostic, null);
    }

    private Classification classify(Action action, String statusField, String diagnostic, SmtpCommands.Command command) {
        String text = diagnostic == null ? "" : diagnostic;
        String field = StatusCodes.statusField(statusField);
        String fromText = StatusCodes.enhanced(text);
        Integer basic = StatusCodes.basic(text);
        String enhanced = effectiveStatus(field, fromText, basic);
        int statusClass = enhanced != null ? StatusCodes.classOf(enhanced) : basic != null ? basic / 100 : 0;
        String status = enhanced != null ? enhanced : basic != null ? statusClass + ".0.0" : null;

        Action effectiveAction = action == null ? Action.FAILED : action;
        // The diagnostic's own code says more about the reason than a Status field that disagrees.
        String reason = BounceReasons.reason(effectiveAction, fromText != null ? fromText : status, basic, text, command);
        if (effectiveAction != Action.FAILED && effectiveAction != Action.DELAYED) {
            return new Classification(Hardness.NONE, status, Category.NONE, reason);
        }
        Category category = category(statusClass, enhanced, basic, text);
        Hardness hardness = effectiveAction != Action.FAILED ? Hardness.NONE
                : BounceReasons.isHard(reason, effectiveAction, statusClass) ? Hardness.HARD : Hardness.SOFT;
        return new Classification(hardness, status, category, reason);
    }

    /**
     * The report's Status, unless it is the generic X.0.0 and the diagnostic has a more specific
     * code of the same class (Exim writes Status: 5.0.0 next to "550 5.1.1 ..."). Without a Status,
     * the diagnostic's code if it agrees with the basic reply code.
     */
    private static String effectiveStatus(String field, String fromText, Integer basic) {
        if (field == null) {
            if (fromText != null && basic != null && basic / 100 != StatusCodes.classOf(fromText)) {
                return null;
            }
            return fromText;
        }
        if (StatusCodes.isGeneric(field) && fromText != null && !StatusCodes.isGeneric(fromText)
                && StatusCodes.classOf(fromText) == StatusCodes.classOf(field)) {
            return fromText;
        }
        return field;
    }

    private static Category category(int statusClass, String enhanced, Integer basic, String text) {
        if (statusClass == 2) {
            return Category.NONE;
        }
        Category phrase = DiagnosticPhrases.category(text);
        if (statusClass == 4) {
            Category byCode = enhanced == null ? null : byCode(enhanced, text);
            if (byCode != null) {
                return byCode;
            }
            if (DiagnosticPhrases.isRateLimitOrGreylist(text)) {
                return Category.TEMPORARY;
            }
            return phrase == Category.MAILBOX_FULL || phrase == Category.SPAM_REJECTED ? phrase : Category.TEMPORARY;
        }
        if (statusClass == 5 && enhanced != null && !StatusCodes.isGeneric(enhanced)) {
            if (StatusCodes.subjectOf(enhanced) == 7) {
                return securityOrPolicy(text);
            }
            Category byCode = byCode(enhanced, text);
            if (byCode != null) {
                return byCode;
            }
        }
        if (phrase != null) {
            return phrase;
        }
        // RFC 5321: 552 is "exceeded storage allocation".
        return basic != null && basic == 552 ? Category.MAILBOX_FULL : Category.OTHER;
    }

    /**
     * 5.7.x: the receiver refused on security or policy grounds. Spam and policy refusals depend on
     * the content and the sending IP, so they are soft; a relay or authentication refusal, or a
     * 5.7.x used for a missing user, says the address cannot receive our mail at all.
     */
    private static Category securityOrPolicy(String text) {
        if (DiagnosticPhrases.isRelayOrAuthRejection(text)) {
            return Category.RELAY_DENIED;
        }
        Category strong = DiagnosticPhrases.strongCategory(text);
        if (strong == Category.UNKNOWN_USER || strong == Category.BAD_DOMAIN || strong == Category.MAILBOX_DISABLED
                || strong == Category.SPAM_REJECTED) {
            return strong;
        }
        return Category.POLICY;
    }

    /** The RFC 3463 subject/detail table; null where the code is too generic to say why. */
    private static Category byCode(String enhanced, String text) {
        int statusClass = StatusCodes.classOf(enhanced);
        int subject = StatusCodes.subjectOf(enhanced);
        int detail = StatusCodes.detailOf(enhanced);
        return switch (subject) {
            case 1 -> switch (detail) {
                case 2 -> Category.BAD_DOMAIN;
                // RFC 7505 null MX; Microsoft uses the same code for RecipientNotFound.
                case 10 -> text.toLowerCase(java.util.Locale.ROOT).contains("null mx")
                        ? Category.BAD_DOMAIN : Category.UNKNOWN_USER;
                case 6 -> Category.MAILBOX_DISABLED;
                // Sender address problems: nothing wrong with the recipient.
                case 7, 8 -> Category.POLICY;
                case 0, 1, 3, 4 -> Category.UNKNOWN_USER;
                default -> Category.OTHER;
            };
            case 2 -> switch (detail) {
                case 1 -> Category.MAILBOX_DISABLED;
                case 2 -> Category.MAILBOX_FULL;
                case 3 -> Category.MESSAGE_TOO_LARGE;
                case 0 -> null;
                default -> Category.OTHER;
            };
            case 3 -> detail == 4 ? Category.MESSAGE_TOO_LARGE
                    : statusClass == 4 || detail == 1 || detail == 2 ? Category.TEMPORARY
                    : detail == 0 ? null : Category.OTHER;
            case 4 -> {
                if (statusClass == 4) {
                    yield Category.TEMPORARY;
                }
                if (detail == 4) {
                    yield Category.BAD_DOMAIN;
                }
                // Office 365 directory-based edge blocking: "550 5.4.1 Recipient address rejected: Access denied".
                if (detail == 1 && text.toLowerCase(java.util.Locale.ROOT).contains("access denied")) {
                    yield Category.UNKNOWN_USER;
                }
                yield detail == 0 ? null : detail == 6 ? Category.OTHER : Category.TEMPORARY;
            }
            default -> null;
        };
    }
}
