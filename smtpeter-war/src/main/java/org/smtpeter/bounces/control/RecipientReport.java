package org.smtpeter.bounces.control;

import java.util.Objects;

/**
 * One recipient of a report: what the report said ({@link ReportedRecipient}) and what that means
 * ({@link Classification}).
 */
public record RecipientReport(ReportedRecipient reported, Classification classification) {

    public RecipientReport {
        Objects.requireNonNull(reported, "reported");
        Objects.requireNonNull(classification, "classification");
    }

    /** The final recipient address. */
    public String address() {
        return reported.finalRecipient();
    }

    public Classification.Hardness hardness() {
        return classification.hardness();
    }

    public Classification.Category category() {
        return classification.category();
    }

    /** Why, in Sisimai's reason vocabulary. */
    public String reason() {
        return classification.reason();
    }

    /** The effective enhanced status code (see {@link Classification#status()}), or null. */
    public String status() {
        return classification.status();
    }
}
