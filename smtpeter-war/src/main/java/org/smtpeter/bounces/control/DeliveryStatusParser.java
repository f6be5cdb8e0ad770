package org.smtpeter.bounces.control;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.smtpeter.bounces.control.ReportFields.Field;
import org.smtpeter.bounces.control.ReportedRecipient.Action;

/**
 * Reads the body of a message/delivery-status (RFC 3464) or message/global-delivery-status
 * (RFC 6533) part: the per-message fields, then one group of per-recipient fields per recipient.
 */
final class DeliveryStatusParser {

    /**
     * The fields of one DSN that matter here.
     *
     * @param originalMessageId Gmail's per-message X-Original-Message-ID, or null
     */
    record DeliveryStatus(String reportingMta, String originalMessageId, List<ReportedRecipient> recipients) {
    }

    /** "type; value" as in Final-Recipient, Remote-MTA and Diagnostic-Code (RFC 3464 2.1.2). */
    private static final Pattern TYPED = Pattern.compile("^([A-Za-z][A-Za-z0-9.+-]*)\\s*;\\s*(.*)$", Pattern.DOTALL);
    private static final Pattern UTF8_ESCAPE = Pattern.compile("\\\\x\\{([0-9A-Fa-f]{1,6})}");

    DeliveryStatus parse(String text) {
        List<List<Field>> blocks = ReportFields.blocks(text);
        List<Field> perMessage = new ArrayList<>();
        List<List<Field>> groups = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            List<Field> current = i == 0 ? perMessage : newGroup(groups);
            for (Field field : blocks.get(i)) {
                // Some MTAs omit the blank line between groups: a second recipient starts a new one.
                if (startsAnotherRecipient(field, current, perMessage)) {
                    current = newGroup(groups);
                }
                current.add(field);
            }
        }
        List<ReportedRecipient> recipients = new ArrayList<>();
        for (List<Field> group : groups) {
            ReportedRecipient recipient = recipient(group);
            if (recipient != null) {
                recipients.add(recipient);
            }
        }
        return new DeliveryStatus(mta(ReportFields.first(perMessage, "Reporting-MTA")),
                MessageStructureReader.messageId(ReportFields.first(perMessage, "X-Original-Message-ID")), recipients);
    }

    private static List<Field> newGroup(List<List<Field>> groups) {
        List<Field> group = new ArrayList<>();
        groups.add(group);
        return group;
    }

    private static boolean startsAnotherRecipient(Field field, List<Field> current, List<Field> perMessage) {
        boolean hasFinal = ReportFields.first(current, "Final-Recipient") != null;
        if (field.is("Final-Recipient")) {
            return current == perMessage || hasFinal;
        }
        if (field.is("Original-Recipient")) {
            // Amazon SES writes Action, Final-Recipient, then the same address as Original-Recipient.
            String finalAddress = address(ReportFields.first(current, "Final-Recipient"));
            if (finalAddress != null && finalAddress.equalsIgnoreCase(address(field.value()))
                    && ReportFields.first(current, "Original-Recipient") == null) {
                return false;
            }
            return current == perMessage || ReportFields.first(current, "Original-Recipient") != null
                    || (hasFinal && (ReportFields.first(current, "Action") != null
                    || ReportFields.first(current, "Status") != null));
        }
        return false;
    }

    private static ReportedRecipient recipient(List<Field> group) {
        String original = address(ReportFields.first(group, "Original-Recipient"));
        String finalRecipient = address(ReportFields.first(group, "Final-Recipient"));
        if (finalRecipient == null) {
            finalRecipient = original;
        }
        if (finalRecipient == null) {
            return null;
        }
        String statusValue = ReportFields.first(group, "Status");
        String status = StatusCodes.statusField(statusValue);
        Action action = action(ReportFields.first(group, "Action"), status);
        String diagnosticType = null;
        String diagnostic = ReportFields.first(group, "Diagnostic-Code");
        if (diagnostic != null) {
            Matcher typed = TYPED.matcher(diagnostic);
            if (typed.matches()) {
                diagnosticType = typed.group(1).toLowerCase(java.util.Locale.ROOT);
                diagnostic = typed.group(2).strip();
            }
            if (diagnostic.isEmpty()) {
                diagnostic = null;
            }
        }
        return new ReportedRecipient(finalRecipient, original, action, status, diagnosticType, diagnostic,
                mta(ReportFields.first(group, "Remote-MTA")), StatusCodes.comment(statusValue));
    }

    /** The Action, or one inferred from the Status class when the field is missing or invalid. */
    private static Action action(String value, String status) {
        Action action = value == null ? null
                : Action.of(StatusCodes.withoutComments(value).strip().split("\\s+")[0]);
        if (action != null || status == null) {
            return action;
        }
        return switch (StatusCodes.classOf(status)) {
            case 5 -> Action.FAILED;
            case 4 -> Action.DELAYED;
            default -> Action.DELIVERED;
        };
    }

    /** An MTA name field without its type and comments ("dns; mx.example.net (192.0.2.1)"). */
    private static String mta(String value) {
        return value == null ? null : typedValue(StatusCodes.withoutComments(value));
    }

    /** The value after "type;" or the whole value, stripped; null for null or empty. */
    static String typedValue(String value) {
        if (value == null) {
            return null;
        }
        Matcher typed = TYPED.matcher(value);
        String result = typed.matches() ? typed.group(2).strip() : value.strip();
        return result.isEmpty() ? null : result;
    }

    /** The address of a recipient field: type removed, angle brackets and comments dropped. */
    static String address(String value) {
        String address = typedValue(value);
        if (address == null) {
            return null;
        }
        int open = address.indexOf('<');
        int close = address.indexOf('>', open + 1);
        if (open >= 0 && close > open) {
            address = address.substring(open + 1, close);
        } else {
            address = StatusCodes.withoutComments(address).strip();
            int space = address.indexOf(' ');
            if (space > 0) {
                address = address.substring(0, space);
            }
        }
        // RFC 6533 utf-8-addr-xtext writes non-ASCII characters as \x{HEX}.
        address = UTF8_ESCAPE.matcher(address)
                .replaceAll(m -> {
                    int codePoint = Integer.parseInt(m.group(1), 16);
                    return Matcher.quoteReplacement(Character.isValidCodePoint(codePoint)
                            ? Character.toString(codePoint) : m.group());
                });
        return address.isEmpty() ? null : address;
    }
}
