package org.smtpeter.bounces.control;

import java.util.Locale;

/**
 * What a report says about one recipient, as written (RFC 3464 section 2.3 per-recipient fields,
 * or what was found in a plain-text bounce). Any field but the final recipient may be null.
 *
 * @param finalRecipient    the address the report is about (Final-Recipient, without the
 *                          address type), lower-cased domain kept as written
 * @param originalRecipient the Original-Recipient (the ORCPT the sender gave), or null
 * @param action            the Action; {@link Action#FAILED} for plain-text bounces
 * @param status            the Status as an enhanced code such as {@code 5.1.1} (comments
 *                          removed), or null when the report has none
 * @param diagnosticType    the Diagnostic-Code type, lower case ({@code smtp}, {@code x-postfix},
 *                          {@code x-unix}), or null
 * @param diagnostic        the Diagnostic-Code text after the type (unfolded), or the SMTP reply
 *                          found in a plain-text bounce, or null
 * @param remoteMta         the Remote-MTA name without its type, or null
 * @param statusComment     the comment of the Status field ("mailbox disabled, not accepting
 *                          messages"): the reporting MTA's own words, or null
 */
public record ReportedRecipient(String finalRecipient, String originalRecipient, Action action, String status,
                                String diagnosticType, String diagnostic, String remoteMta, String statusComment) {

    /** A recipient whose Status carries no comment (plain-text bounces). */
    public ReportedRecipient(String finalRecipient, String originalRecipient, Action action, String status,
                             String diagnosticType, String diagnostic, String remoteMta) {
        this(finalRecipient, originalRecipient, action, status, diagnosticType, diagnostic, remoteMta, null);
    }

    /** RFC 3464 section 2.3.3 action values. */
    public enum Action {
        FAILED, DELAYED, DELIVERED, RELAYED, EXPANDED;

        /** The action named by a field value (case-insensitive), or null for anything else. */
        public static Action of(String value) {
            if (value == null) {
                return null;
            }
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException notAnAction) {
                return null;
            }
        }
    }
}
