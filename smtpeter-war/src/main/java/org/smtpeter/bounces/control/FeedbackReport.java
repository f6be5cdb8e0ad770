package org.smtpeter.bounces.control;

import java.util.List;

/**
 * The machine-readable part of an RFC 5965 (ARF) feedback report. Addresses are without angle
 * brackets; absent fields are null or empty lists (providers often redact the recipient).
 *
 * @param feedbackType     Feedback-Type, lower case: abuse, fraud, virus, other (RFC 5965 3.5)
 * @param userAgent        User-Agent of the reporting system
 * @param version          Version (1)
 * @param originalMailFrom Original-Mail-From: the envelope sender, i.e. our VERP address
 * @param originalRcptTo   Original-Rcpt-To values (may repeat)
 * @param reportedDomains  Reported-Domain values (may repeat)
 * @param sourceIp         Source-IP: the address our relay sent from
 * @param arrivalDate      Arrival-Date as written
 */
public record FeedbackReport(String feedbackType, String userAgent, String version, String originalMailFrom,
                             List<String> originalRcptTo, List<String> reportedDomains, String sourceIp,
                             String arrivalDate) {

    /** Feedback types that report on the sender's authentication or un-mark spam: nobody to suppress. */
    private static final java.util.Set<String> NOT_ABOUT_THE_RECIPIENT = java.util.Set.of("auth-failure", "not-spam");

    /**
     * True when the report is a recipient's complaint (abuse, fraud, virus, opt-out, other, ...),
     * which suppresses the address; false for authentication failure and not-spam reports.
     */
    public static boolean suppresses(String feedbackType) {
        return feedbackType == null || !NOT_ABOUT_THE_RECIPIENT.contains(feedbackType);
    }

    public FeedbackReport {
        originalRcptTo = List.copyOf(originalRcptTo);
        reportedDomains = List.copyOf(reportedDomains);
    }
}
