package org.smtpeter.delivery.control;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.smtpeter.delivery.entity.Delivery;
import org.smtpeter.messages.control.MessageIds;
import org.smtpeter.messages.entity.EnvelopeRecipient;
import org.smtpeter.messages.entity.Message;

/**
 * Delivery status notifications to the envelope sender (RFC 3464 in an RFC 6522
 * multipart/report), as the client asked with NOTIFY (default FAILURE), RET (default HDRS),
 * ENVID and ORCPT (RFC 3461). Never for the null sender, so notifications cannot loop.
 */
@ApplicationScoped
public class DeliveryReports {

    public enum Action {
        FAILED("failed", "FAILURE", "Undelivered Mail Returned to Sender"),
        DELAYED("delayed", "DELAY", "Delayed Mail (still being retried)"),
        DELIVERED("delivered", "SUCCESS", "Successful Mail Delivery Report");

        final String field;
        final String notifyKeyword;
        final String subject;

        Action(String field, String notifyKeyword, String subject) {
            this.field = field;
            this.notifyKeyword = notifyKeyword;
            this.subject = subject;
        }
    }

    /** One recipient's line in a report. */
    public record Entry(Delivery delivery, Action action, Reply reply, String remoteHost, Instant at) {
    }

    /** A composed report: the message to store and queue, and its bytes. */
    public record Notification(Message message, byte[] raw) {
    }

    @Inject
    DeliverySettings settings;

    @Inject
    MessageIds ids;

    public boolean isWanted(Delivery delivery, Action action) {
        Message message = delivery.getMessage();
        if (message.getReversePath() == null || message.getReversePath().isEmpty()) {
            return false;
        }
        String notify = recipient(message, delivery.getRecipient()).map(EnvelopeRecipient::getNotifyConditions)
                .orElse(null);
        if (notify == null) {
            return action == Action.FAILED;
        }
        return List.of(notify.toUpperCase(Locale.ROOT).split(",")).contains(action.notifyKeyword);
    }

    /** Larger originals come back as their header section only, so a report stays a small message. */
    static final long FULL_RETURN_LIMIT = 1024 * 1024;
    /** A header section longer than this is cut there in a report. */
    static final long HEADER_LIMIT = 256 * 1024;

    /** @param originalRaw the first {@link #returnedLimit} bytes of the original */
    public Notification compose(Message original, byte[] originalRaw, List<Entry> entries, Instant now) {
        String boundary = "=_smtpeter_" + ids.next();
        String publicId = ids.next();
        Action headline = entries.stream().map(Entry::action).min(Enum::compareTo).orElse(Action.FAILED);
        StringBuilder mime = new StringBuilder()
                .append("From: Mail Delivery System <MAILER-DAEMON@").append(settings.hostName()).append(">\r\n")
                .append("To: <").append(original.getReversePath()).append(">\r\n")
                .append("Subject: ").append(headline.subject).append("\r\n")
                .append("Date: ").append(OutgoingMessages.RFC_5322_DATE.format(now)).append("\r\n")
                .append("Message-ID: <").append(publicId).append('@').append(settings.hostName()).append(">\r\n")
                .append("Auto-Submitted: auto-replied\r\n")
                .append("MIME-Version: 1.0\r\n")
                .append("Content-Type: multipart/report; report-type=delivery-status;\r\n\tboundary=\"")
                .append(boundary).append("\"\r\n\r\n")
                .append("This is a MIME-encapsulated delivery status notification.\r\n\r\n")
                .append("--").append(boundary).append("\r\n")
                .append("Content-Type: text/plain; charset=UTF-8\r\n\r\n")
                .append(humanReadable(original, entries))
                .append("--").append(boundary).append("\r\n")
                .append("Content-Type: message/delivery-status\r\n\r\n")
                .append(deliveryStatus(original, entries))
                .append("--").append(boundary).append("\r\n");
        byte[] head = mime.toString().getBytes(StandardCharsets.UTF_8);
        byte[] returned = returnedContent(original, originalRaw);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] raw = new byte[head.length + returned.length + tail.length];
        System.arraycopy(head, 0, raw, 0, head.length);
        System.arraycopy(returned, 0, raw, head.length, returned.length);
        System.arraycopy(tail, 0, raw, head.length + returned.length, tail.length);

        return toSender(original, publicId, raw, now);
    }

    /** A message to the original envelope sender with the given content, e.g. a forwarded bounce. */
    public Notification toSender(Message original, byte[] raw, Instant now) {
        return toSender(original, ids.next(), raw, now);
    }

    private Notification toSender(Message original, String publicId, byte[] raw, Instant now) {
        Message notification = new Message(publicId, now, raw.length);
        notification.sentBy(original.getAccount(), null);
        notification.receivedFrom("dsn", "127.0.0.1", settings.hostName(), null, null);
        // The null sender: a notification must never cause another one (RFC 5321 4.5.5).
        notification.envelope("", null, false, -1, null, null,
                List.of(new EnvelopeRecipient(original.getReversePath(), "NEVER", null)));
        return new Notification(notification, raw);
    }

    private static String humanReadable(Message original, List<Entry> entries) {
        StringBuilder text = new StringBuilder("This is the mail relay at your service.\r\n\r\n");
        text.append("Your message ").append(original.getPublicId()).append(" of ")
                .append(OutgoingMessages.RFC_5322_DATE.format(original.getReceivedAt())).append(":\r\n\r\n");
        for (Entry entry : entries) {
            String what = switch (entry.action()) {
                case FAILED -> "could not be delivered";
                case DELAYED -> "has not been delivered yet; delivery will be retried";
                case DELIVERED -> "was delivered";
            };
            text.append("  <").append(entry.delivery().getRecipient()).append(">: ").append(what).append("\r\n")
                    .append("    ").append(entry.reply()).append("\r\n");
        }
        return text.append("\r\n").toString();
    }

    private String deliveryStatus(Message original, List<Entry> entries) {
        StringBuilder status = new StringBuilder("Reporting-MTA: dns; ").append(settings.hostName()).append("\r\n");
        if (original.getEnvelopeId() != null) {
            status.append("Original-Envelope-Id: ").append(original.getEnvelopeId()).append("\r\n");
        }
        status.append("Arrival-Date: ").append(OutgoingMessages.RFC_5322_DATE.format(original.getReceivedAt())).append("\r\n");
        for (Entry entry : entries) {
            status.append("\r\n");
            recipient(original, entry.delivery().getRecipient())
                    .map(EnvelopeRecipient::getOriginalRecipient)
                    .ifPresent(orcpt -> status.append("Original-Recipient: ").append(orcpt).append("\r\n"));
            Reply reply = entry.reply();
            String statusCode = entry.action() == Action.DELIVERED ? "2.0.0"
                    : entry.action() == Action.DELAYED && reply.enhancedCode().startsWith("5") ? "4.0.0"
                    : reply.enhancedCode();
            status.append("Final-Recipient: rfc822; ").append(entry.delivery().getRecipient()).append("\r\n")
                    .append("Action: ").append(entry.action().field).append("\r\n")
                    .append("Status: ").append(statusCode).append("\r\n");
            if (entry.remoteHost() != null) {
                status.append("Remote-MTA: dns; ").append(entry.remoteHost()).append("\r\n");
            }
            if (reply.code() > 0) {
                status.append("Diagnostic-Code: smtp; ").append(reply.code()).append(' ').append(reply.enhancedCode())
                        .append(' ').append(reply.text()).append("\r\n");
            } else {
                status.append("X-Local-Diagnostic: ").append(reply.text()).append("\r\n");
            }
            status.append("Last-Attempt-Date: ").append(OutgoingMessages.RFC_5322_DATE.format(entry.at())).append("\r\n");
            if (entry.action() == Action.DELAYED) {
                status.append("Will-Retry-Until: ")
                        .append(OutgoingMessages.RFC_5322_DATE.format(entry.delivery().getExpiresAt())).append("\r\n");
            }
        }
        return status.append("\r\n").toString();
    }

    /**
     * How much of the original a report returns: all of it for RET=FULL up to
     * {@link #FULL_RETURN_LIMIT}, otherwise (the default, and for larger messages, as RFC 3461 4.3
     * allows) only its header section, which lies within the first {@link #HEADER_LIMIT} bytes.
     */
    static long returnedLimit(Message original) {
        return returnsFull(original) ? original.getSize() : Math.min(original.getSize(), HEADER_LIMIT);
    }

    private static boolean returnsFull(Message original) {
        return "FULL".equals(original.getRet()) && original.getSize() <= FULL_RETURN_LIMIT;
    }

    /** @param raw the first {@link #returnedLimit} bytes of the original */
    private static byte[] returnedContent(Message original, byte[] raw) {
        boolean full = returnsFull(original);
        String contentType = full ? "message/rfc822" : "text/rfc822-headers";
        int end = full ? raw.length : HeaderBlock.parse(raw).bodyOffset();
        byte[] head = ("Content-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] result = new byte[head.length + end];
        System.arraycopy(head, 0, result, 0, head.length);
        System.arraycopy(raw, 0, result, head.length, end);
        return result;
    }

    private static java.util.Optional<EnvelopeRecipient> recipient(Message message, String address) {
        return message.getRecipients().stream().filter(r -> r.getAddress().equalsIgnoreCase(address)).findFirst();
    }
}
