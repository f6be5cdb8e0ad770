package org.smtpeter.bounces.control;

import java.util.List;
import java.util.Locale;

import org.smtpeter.bounces.control.ReportFields.Field;

/** Reads the fields of a message/feedback-report part (RFC 5965 section 3.1). */
final class FeedbackReportParser {

    FeedbackReport parse(String text) {
        List<Field> fields = ReportFields.all(text);
        String type = ReportFields.first(fields, "Feedback-Type");
        if (type != null) {
            type = StatusCodes.withoutComments(type).strip().toLowerCase(Locale.ROOT);
        }
        return new FeedbackReport(type, ReportFields.first(fields, "User-Agent"), ReportFields.first(fields, "Version"),
                bare(ReportFields.first(fields, "Original-Mail-From")),
                ReportFields.values(fields, "Original-Rcpt-To").stream().map(FeedbackReportParser::bare).toList(),
                ReportFields.values(fields, "Reported-Domain").stream().map(String::strip).toList(),
                ReportFields.first(fields, "Source-IP"), ReportFields.first(fields, "Arrival-Date"));
    }

    /** An address without angle brackets. */
    private static String bare(String value) {
        if (value == null) {
            return null;
        }
        String stripped = value.strip();
        if (stripped.startsWith("<") && stripped.endsWith(">")) {
            stripped = stripped.substring(1, stripped.length() - 1).strip();
        }
        return stripped;
    }
}
