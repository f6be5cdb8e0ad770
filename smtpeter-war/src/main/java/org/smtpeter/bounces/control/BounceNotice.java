package org.smtpeter.bounces.control;

import java.io.ByteArrayOutputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeUtility;

import org.smtpeter.delivery.control.DeliverySettings;
import org.smtpeter.delivery.entity.Delivery;
import org.smtpeter.messages.entity.Message;

/**
 * The notification that carries what came back to a bounce address on to the customer. Anyone who
 * saw a message's Return-Path can write to its bounce address, so what arrived is never passed on
 * as it is: the relay writes a message of its own (its MAILER-DAEMON as From, a Subject that names
 * the customer's message, a short text saying why it is forwarded) and attaches what arrived,
 * byte for byte, as {@code message/rfc822}. A forged "From: IT desk" thus reaches the customer
 * only as an attachment to a notice from the relay.
 */
@ApplicationScoped
public class BounceNotice {

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);
    /** RFC 5322 2.1.1: longer lines cannot travel as 8bit, only as binary. */
    private static final int MAX_LINE = 998;
    private static final int MAX_QUOTED = 200;

    @Inject
    DeliverySettings settings;

    /**
     * @param delivery the recipient's copy whose bounce address received {@code arrived}
     * @param incoming the stored arrival: where it came from and its id
     * @param report   what the relay made of it
     * @param arrived  its bytes as received
     */
    public byte[] compose(Delivery delivery, Message incoming, BounceReport report, byte[] arrived) {
        return compose(settings.hostName(), delivery, incoming, report, arrived);
    }

    /** The same, with the relay's host name given. */
    static byte[] compose(String host, Delivery delivery, Message incoming, BounceReport report, byte[] arrived) {
        Message original = delivery.getMessage();
        String boundary = boundaryNotIn(arrived);
        String encoding = transferEncoding(arrived);
        String text = explanation(delivery, incoming, report, host);
        String textEncoding = isAscii(text.getBytes(StandardCharsets.UTF_8)) ? "7bit" : "8bit";
        String head = "From: Mail Delivery System <MAILER-DAEMON@" + host + ">\r\n"
                + "To: <" + original.getReversePath() + ">\r\n"
                + "Subject: " + subject(report.kind(), original) + "\r\n"
                + "Auto-Submitted: auto-generated\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n"
                + "Content-Transfer-Encoding: " + wider(encoding, textEncoding) + "\r\n\r\n"
                + "This is a MIME-encapsulated message.\r\n\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: " + textEncoding + "\r\n\r\n"
                + text + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: message/rfc822\r\n"
                + "Content-Disposition: attachment; filename=\"" + incoming.getPublicId() + ".eml\"\r\n"
                + "Content-Description: what arrived at the bounce address, unchanged\r\n"
                + "Content-Transfer-Encoding: " + encoding + "\r\n\r\n";
        ByteArrayOutputStream notice = new ByteArrayOutputStream(head.length() + arrived.length + 100);
        notice.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        notice.writeBytes(arrived);
        notice.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return notice.toByteArray();
    }

    /** E.g. "Undelivered mail returned for message X: Spring sale"; the customer's own subject, never the arrival's. */
    static String subject(BounceReport.Kind kind, Message original) {
        String what = switch (kind) {
            case DSN_FAILURE, NON_STANDARD_BOUNCE -> "Undelivered mail returned";
            case DSN_DELAYED -> "Delayed mail reported";
            case DSN_DELIVERED, DSN_RELAYED -> "Delivery report received";
            case AUTO_REPLY -> "Automatic reply received";
            case HUMAN_REPLY -> "Reply received";
            case COMPLAINT -> "Complaint received";
            case UNKNOWN -> "Mail received at the bounce address";
        };
        String subject = what + " for message " + original.getPublicId();
        if (original.getSubject() != null && !original.getSubject().isBlank()) {
            subject += ": " + quoted(original.getSubject());
        }
        return encoded(subject);
    }

    private static String explanation(Delivery delivery, Message incoming, BounceReport report, String host) {
        Message original = delivery.getMessage();
        return "This is the mail relay " + host + ".\r\n\r\n"
                + "Your message " + original.getPublicId() + " of " + DATE.format(original.getReceivedAt())
                + "\r\nto <" + quoted(delivery.getRecipient()) + "> left with its own bounce address as envelope\r\n"
                + "sender. The message attached below arrived at that address on\r\n"
                + DATE.format(incoming.getReceivedAt()) + " from [" + incoming.getClientAddress() + "] ("
                + quoted(incoming.getClientHelo()) + "),\r\n"
                + "with envelope sender <" + quoted(incoming.getReversePath()) + ">, and is kept as "
                + incoming.getPublicId() + ".\r\n"
                + "The relay read it as: " + verdict(report) + ".\r\n\r\n"
                + "It is forwarded because your SMTP credential forwards what comes back\r\n"
                + "(forwardBounces). It is attached exactly as it arrived. Its sender,\r\n"
                + "links and attachments were not checked: anyone who saw the Return-Path\r\n"
                + "of your message can write to that address. Do not trust it more than\r\n"
                + "any mail from a stranger.\r\n";
    }

    private static String verdict(BounceReport report) {
        StringBuilder verdict = new StringBuilder(report.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        verdict.append(" (").append(report.bucket().name().toLowerCase(Locale.ROOT)).append(')');
        report.recipients().stream().filter(r -> r.status() != null).findFirst()
                .ifPresent(r -> {
                    verdict.append(", status ").append(r.status());
                    if (r.hardness() != Classification.Hardness.NONE) {
                        verdict.append(", ").append(r.hardness().name().toLowerCase(Locale.ROOT));
                    }
                });
        return verdict.toString();
    }

    /** Text from the outside, made safe for one line of a notice: no control characters, not too long. */
    private static String quoted(String text) {
        if (text == null) {
            return "";
        }
        String line = text.codePoints()
                .map(c -> Character.isISOControl(c) ? ' ' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        return line.length() <= MAX_QUOTED ? line : line.substring(0, MAX_QUOTED) + "...";
    }

    private static String encoded(String subject) {
        try {
            return MimeUtility.fold("Subject: ".length(), MimeUtility.encodeText(subject, "UTF-8", null));
        } catch (UnsupportedEncodingException utf8IsAlwaysThere) {
            throw new IllegalStateException(utf8IsAlwaysThere);
        }
    }

    /** message/rfc822 may only be 7bit, 8bit or binary (RFC 2046 5.2.1): say which the bytes are. */
    static String transferEncoding(byte[] raw) {
        int lineLength = 0;
        boolean eightBit = false;
        for (byte b : raw) {
            if (b == '\n') {
                lineLength = 0;
            } else if (b != '\r' && ++lineLength > MAX_LINE) {
                return "binary";
            }
            eightBit |= b < 0;
        }
        return eightBit ? "8bit" : "7bit";
    }

    private static String wider(String one, String other) {
        return one.equals("binary") || other.equals("binary") ? "binary"
                : one.equals("8bit") || other.equals("8bit") ? "8bit" : "7bit";
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /** A boundary the attached bytes cannot end early: random, and checked. */
    private static String boundaryNotIn(byte[] arrived) {
        String content = new String(arrived, StandardCharsets.ISO_8859_1);
        String boundary;
        do {
            boundary = "=_smtpeter_notice_" + UUID.randomUUID();
        } while (content.contains(boundary));
        return boundary;
    }
}
