package org.smtpeter.bounces.control;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.smtpeter.bounces.control.OriginalMessage.HeaderField;
import org.smtpeter.bounces.control.ReportedRecipient.Action;
import org.smtpeter.platform.control.Jsonp;

/**
 * Amazon SES event notifications mailed by Amazon SNS: a JSON object with a notificationType of
 * Bounce, Complaint or Delivery (SES developer guide, "Amazon SNS notification contents"), in place
 * of a DSN or an ARF report. Read as what they stand for: bounced or delivered recipients, or a
 * complaint.
 */
final class AmazonSesNotifications {

    /** What a notification says; exactly one of recipients and complaint is meaningful. */
    record Notification(String type, List<ReportedRecipient> recipients, FeedbackReport complaint,
                        OriginalMessage original, String reportingMta) {

        boolean isComplaint() {
            return "Complaint".equals(type);
        }
    }

    private static final Pattern START = Pattern.compile("\\{\\s*\"notificationType\"\\s*:");
    /** Mail systems break lines longer than 990 characters with "!" and a folding line break. */
    private static final Pattern BROKEN_LINE = Pattern.compile("!\\r?\\n ");
    private static final Pattern SMTP_TYPED = Pattern.compile("^\\s*[A-Za-z][A-Za-z0-9.+-]*\\s*;\\s*");

    private AmazonSesNotifications() {
    }

    /** The notification in a message's readable text, or empty when there is none or it is unreadable. */
    static Optional<Notification> read(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher start = START.matcher(text);
        if (!start.find()) {
            return Optional.empty();
        }
        String json = BROKEN_LINE.matcher(text.substring(start.start())).replaceAll("");
        int end = objectEnd(json);
        if (end < 0) {
            return Optional.empty();
        }
        try {
            JsonObject notification = Jsonp.provider().createReader(new StringReader(json.substring(0, end))).readObject();
            return Optional.ofNullable(notification(notification));
        } catch (JsonException | ClassCastException unreadable) {
            return Optional.empty();
        }
    }

    private static Notification notification(JsonObject json) {
        String type = json.getString("notificationType", "");
        OriginalMessage original = original(json.getJsonObject("mail"));
        switch (type) {
            case "Bounce" -> {
                JsonObject bounce = json.getJsonObject("bounce");
                String mta = typedValue(bounce.getString("reportingMTA", null));
                List<ReportedRecipient> recipients = new ArrayList<>();
                for (JsonObject r : objects(bounce.getJsonArray("bouncedRecipients"))) {
                    String status = StatusCodes.statusField(r.getString("status", null));
                    Action action = Action.of(r.getString("action", "failed"));
                    recipients.add(new ReportedRecipient(r.getString("emailAddress", ""), null,
                            action == null ? Action.FAILED : action, status, "smtp",
                            typedValue(r.getString("diagnosticCode", null)), mta));
                }
                return new Notification(type, recipients, null, original, mta);
            }
            case "Delivery" -> {
                JsonObject delivery = json.getJsonObject("delivery");
                String response = delivery.getString("smtpResponse", null);
                String mta = delivery.getString("reportingMTA", null);
                List<ReportedRecipient> recipients = new ArrayList<>();
                for (JsonValue address : list(delivery.getJsonArray("recipients"))) {
                    recipients.add(new ReportedRecipient(((jakarta.json.JsonString) address).getString(), null,
                            Action.DELIVERED, StatusCodes.enhanced(response == null ? "" : response), "smtp", response, mta));
                }
                return new Notification(type, recipients, null, original, mta);
            }
            case "Complaint" -> {
                JsonObject complaint = json.getJsonObject("complaint");
                List<String> complained = objects(complaint.getJsonArray("complainedRecipients")).stream()
                        .map(r -> r.getString("emailAddress", null)).filter(a -> a != null && !a.isBlank()).toList();
                String feedbackType = complaint.getString("complaintFeedbackType", null);
                FeedbackReport report = new FeedbackReport(
                        feedbackType == null ? null : feedbackType.toLowerCase(Locale.ROOT),
                        complaint.getString("userAgent", null), null, null, complained, List.of(), null,
                        complaint.getString("arrivalDate", null));
                return new Notification(type, List.of(), report, original, null);
            }
            default -> {
                return null;
            }
        }
    }

    /** The returned message's headers as SES lists them ("mail.headers"), with its Message-ID. */
    private static OriginalMessage original(JsonObject mail) {
        if (mail == null) {
            return OriginalMessage.NONE;
        }
        List<HeaderField> headers = objects(mail.getJsonArray("headers")).stream()
                .map(h -> new HeaderField(h.getString("name", ""), h.getString("value", ""))).toList();
        OriginalMessage withHeaders = new OriginalMessage(null, headers);
        return new OriginalMessage(MessageStructureReader.messageId(withHeaders.header("Message-ID")), headers);
    }

    /** "smtp; 550 5.1.1 user unknown" without its type. */
    private static String typedValue(String value) {
        return value == null ? null : SMTP_TYPED.matcher(value).replaceFirst("").strip();
    }

    private static List<JsonValue> list(JsonArray array) {
        return array == null ? List.of() : array;
    }

    private static List<JsonObject> objects(JsonArray array) {
        return list(array).stream().filter(v -> v.getValueType() == JsonValue.ValueType.OBJECT)
                .map(JsonObject.class::cast).toList();
    }

    /** Where the JSON object that opens the text ends (exclusive), or -1 when it does not. */
    private static int objectEnd(String json) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i + 1;
            }
        }
        return -1;
    }
}
