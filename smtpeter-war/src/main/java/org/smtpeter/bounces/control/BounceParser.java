package org.smtpeter.bounces.control;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import org.smtpeter.bounces.control.BounceReport.Kind;
import org.smtpeter.bounces.control.DeliveryStatusParser.DeliveryStatus;
import org.smtpeter.bounces.control.PlainTextBounces.TextBounce;
import org.smtpeter.bounces.control.ReportedRecipient.Action;

/**
 * Understands a message that arrived at the bounce address: an RFC 3464 DSN, an RFC 5965
 * complaint, a plain-text bounce, an automatic or human reply, or something unknown, with every
 * reported recipient classified. Never throws: what cannot be read is {@link Kind#UNKNOWN} with a
 * reason.
 *
 * <p>The checks run from the most to the least certain: machine-readable reports, then MTA bounce
 * shapes, then auto-reply markers, then human replies. The order matters: MTAs put
 * {@code Auto-Submitted: auto-replied} on their own bounces.
 */
@ApplicationScoped
public class BounceParser {

    /** How much of a report's words stand in for a missing Diagnostic-Code. */
    private static final int MAX_EXPLANATION = 500;

    private final BounceClassifier classifier;
    private final MessageStructureReader reader = new MessageStructureReader();
    private final DeliveryStatusParser deliveryStatusParser = new DeliveryStatusParser();
    private final FeedbackReportParser feedbackReportParser = new FeedbackReportParser();
    private final PlainTextBounces plainTextBounces = new PlainTextBounces();
    private final ResponseRecognizer responses = new ResponseRecognizer();

    public BounceParser() {
        this(new BounceClassifier());
    }

    public BounceParser(BounceClassifier classifier) {
        this.classifier = classifier;
    }

    /** Parses and classifies the raw bytes of an arrived message (headers and body, CRLF or LF). */
    public BounceReport parse(byte[] raw) {
        if (raw == null || new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1).isBlank()) {
            return BounceReport.unknown("empty message");
        }
        try {
            return understand(reader.read(raw));
        } catch (MessagingException | RuntimeException unreadable) {
            return BounceReport.unknown("unreadable message: " + describe(unreadable));
        }
    }

    private BounceReport understand(MimeMessage message) throws MessagingException {
        Function<String, String> header = name -> headerValue(message, name);
        InternetAddress from = firstAddress(header.apply("From"));
        String fromAddress = from == null ? null : from.getAddress();
        boolean fromMailSystem = MailSystemSenders.isMailSystem(fromAddress, from == null ? null : from.getPersonal());
        String subject = decodedSubject(header.apply("Subject"));
        Arrived headers = new Arrived(fromAddress, subject);

        MessageStructure structure;
        try {
            structure = reader.structure(message);
        } catch (MessagingException | IOException | RuntimeException broken) {
            if (!"Missing start boundary".equals(broken.getMessage())) {
                return headers.report(Kind.UNKNOWN, List.of(), Optional.empty(), inReplyTo(header), null, false,
                        "broken MIME: " + describe(broken));
            }
            try {
                structure = reader.flattened(message);
            } catch (MessagingException | IOException | RuntimeException unreadable) {
                return headers.report(Kind.UNKNOWN, List.of(), Optional.empty(), inReplyTo(header), null, false,
                        "broken MIME: " + describe(unreadable));
            }
        }
        OriginalMessage original = structure.original() != OriginalMessage.NONE ? structure.original() : inReplyTo(header);

        if (structure.feedbackReport() != null) {
            FeedbackReport feedback = feedbackReportParser.parse(structure.feedbackReport());
            return headers.report(Kind.COMPLAINT, List.of(), Optional.of(feedback), original, null, true,
                    "RFC 5965 feedback report, type " + feedback.feedbackType());
        }

        String text = structure.text();
        boolean gateway = FilteringGateways.isGateway(header, fromAddress, text);
        List<ReportedRecipient> reported = new ArrayList<>();
        String reportingMta = null;
        for (String status : structure.deliveryStatuses()) {
            DeliveryStatus parsed = deliveryStatusParser.parse(status);
            reported.addAll(parsed.recipients());
            reportingMta = reportingMta == null ? parsed.reportingMta() : reportingMta;
            if (original == OriginalMessage.NONE && parsed.originalMessageId() != null) {
                original = new OriginalMessage(parsed.originalMessageId(), List.of());
            }
        }
        if (!reported.isEmpty()) {
            Kind kind = dsnKind(reported);
            long failed = reported.stream().filter(r -> r.action() == null || r.action() == Action.FAILED).count();
            return headers.report(kind, classify(reported, text, gateway), Optional.empty(), original, reportingMta, true,
                    "RFC 3464 delivery status notification: " + failed + " of " + reported.size()
                            + " recipient(s) failed");
        }

        Optional<AmazonSesNotifications.Notification> ses = AmazonSesNotifications.read(text);
        if (ses.isPresent()) {
            return amazonSes(ses.get(), headers, original, text);
        }
        Optional<TextBounce> bounce = plainTextBounces.recognise(subject, fromMailSystem, text, ownAddresses(header),
                addresses(header.apply("X-Failed-Recipients")));
        if (bounce.isPresent()) {
            TextBounce found = bounce.get();
            OriginalMessage quoted = original != OriginalMessage.NONE ? original
                    : found.original() != OriginalMessage.NONE ? found.original() : OriginalMessage.NONE;
            return headers.report(found.delayed() ? Kind.DSN_DELAYED : Kind.NON_STANDARD_BOUNCE,
                    classify(found.recipients(), text, gateway), Optional.empty(), quoted, null, false,
                    found.shape() + (found.delayed() ? " delay warning" : " plain-text bounce")
                            + (found.recipients().isEmpty() ? ", no recipient found in the text" : ""));
        }
        Optional<String> autoReply = responses.autoReply(header, subject, text);
        if (autoReply.isPresent()) {
            return headers.report(Kind.AUTO_REPLY, List.of(), Optional.empty(), original, null, false,
                    "automatic reply: " + autoReply.get());
        }
        if (responses.isHumanReply(header, subject, text, fromMailSystem, fromAddress)) {
            return headers.report(Kind.HUMAN_REPLY, List.of(), Optional.empty(), original, null, false,
                    "reply from a person");
        }
        String why = !structure.deliveryStatuses().isEmpty() ? "delivery-status part without recipients"
                : text.isBlank() ? "no readable content"
                : "no delivery report, bounce, complaint or reply markers";
        return headers.report(Kind.UNKNOWN, List.of(), Optional.empty(), original, null, false, why + problems(structure));
    }

    /** An Amazon SES notification, as the DSN or complaint it stands for. */
    private BounceReport amazonSes(AmazonSesNotifications.Notification ses, Arrived headers, OriginalMessage arrived,
                                   String text) {
        OriginalMessage original = ses.original() != OriginalMessage.NONE ? ses.original() : arrived;
        if (ses.isComplaint()) {
            return headers.report(Kind.COMPLAINT, List.of(), Optional.of(ses.complaint()), original, null, true,
                    "Amazon SES complaint notification, type " + ses.complaint().feedbackType());
        }
        if (ses.recipients().isEmpty()) {
            return headers.report(Kind.UNKNOWN, List.of(), Optional.empty(), original, null, true,
                    "Amazon SES " + ses.type() + " notification without recipients");
        }
        return headers.report(dsnKind(ses.recipients()), classify(ses.recipients(), text, false), Optional.empty(),
                original, ses.reportingMta(), true, "Amazon SES " + ses.type() + " notification");
    }

    /** The From address and subject every report carries. */
    private record Arrived(String from, String subject) {
        BounceReport report(Kind kind, List<RecipientReport> recipients, Optional<FeedbackReport> feedback,
                            OriginalMessage original, String reportingMta, boolean structured, String reason) {
            return new BounceReport(kind, recipients, feedback, original, from, subject, reportingMta, structured, reason);
        }
    }

    /** Failed wins over delayed, delayed over relayed, relayed over delivered. */
    private static Kind dsnKind(List<ReportedRecipient> reported) {
        if (reported.stream().anyMatch(r -> r.action() == null || r.action() == Action.FAILED)) {
            return Kind.DSN_FAILURE;
        }
        if (reported.stream().anyMatch(r -> r.action() == Action.DELAYED)) {
            return Kind.DSN_DELAYED;
        }
        if (reported.stream().anyMatch(r -> r.action() == Action.RELAYED)) {
            return Kind.DSN_RELAYED;
        }
        return Kind.DSN_DELIVERED;
    }

    /**
     * Each recipient, with the SMTP step the readable text says it was refused at and whether a
     * filtering gateway reported it ({@link FilteringGateways}). A failed
     * recipient of a DSN without a Diagnostic-Code is explained by the readable text (Gmail
     * writes "Status: 5.0.0" and says why only in words).
     */
    private List<RecipientReport> classify(List<ReportedRecipient> reported, String text, boolean gateway) {
        List<String> addresses = reported.stream().map(r -> r.finalRecipient().toLowerCase(Locale.ROOT)).toList();
        return reported.stream().map(r -> explained(r, text, addresses))
                .map(r -> new RecipientReport(r, classifier.classify(r, SmtpCommands.near(text, r.finalRecipient()), gateway)))
                .toList();
    }

    private static ReportedRecipient explained(ReportedRecipient r, String text, List<String> addresses) {
        if (r.diagnostic() != null || text == null || text.isBlank() || r.action() != Action.FAILED && r.action() != Action.DELAYED) {
            return r;
        }
        String words = text;
        String lower = text.toLowerCase(Locale.ROOT);
        String own = r.finalRecipient().toLowerCase(Locale.ROOT);
        int at = lower.indexOf(own);
        if (addresses.size() > 1) {
            if (at < 0) {
                return r;
            }
            // The words about this recipient end where the text turns to another one.
            int end = Math.min(text.length(), at + MAX_EXPLANATION);
            for (String other : addresses) {
                int next = other.equals(own) ? -1 : lower.indexOf(other, at + own.length());
                end = next >= 0 ? Math.min(end, next) : end;
            }
            words = text.substring(at, end);
        }
        words = words.replaceAll("\\s+", " ").strip();
        words = words.length() > MAX_EXPLANATION ? words.substring(0, MAX_EXPLANATION) : words;
        return new ReportedRecipient(r.finalRecipient(), r.originalRecipient(), r.action(), r.status(),
                r.diagnosticType(), words, r.remoteMta(), r.statusComment());
    }

    /** For replies and reports without a returned message: the Message-ID they answer. */
    private static OriginalMessage inReplyTo(Function<String, String> header) {
        String messageId = MessageStructureReader.messageId(header.apply("In-Reply-To"));
        return messageId == null ? OriginalMessage.NONE : new OriginalMessage(messageId, List.of());
    }

    /** The bounce's own addresses, which are never failed recipients. */
    private static Set<String> ownAddresses(Function<String, String> header) {
        Set<String> own = new HashSet<>();
        for (String name : List.of("From", "To", "Reply-To", "Sender", "Return-Path", "Delivered-To")) {
            addresses(header.apply(name)).forEach(a -> own.add(a.toLowerCase(Locale.ROOT)));
        }
        return own;
    }

    /** The addresses in an address-list header value; empty when absent or unparseable. */
    private static List<String> addresses(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        try {
            List<String> addresses = new ArrayList<>();
            for (InternetAddress address : InternetAddress.parseHeader(value, false)) {
                if (address.getAddress() != null && !address.getAddress().isBlank()) {
                    addresses.add(address.getAddress());
                }
            }
            return addresses;
        } catch (AddressException unparseable) {
            return List.of();
        }
    }

    private static String headerValue(MimeMessage message, String name) {
        try {
            String value = message.getHeader(name, null);
            return value == null ? null : MimeUtility.unfold(value).strip();
        } catch (MessagingException unreadable) {
            return null;
        }
    }

    private static InternetAddress firstAddress(String value) {
        if (value == null) {
            return null;
        }
        try {
            InternetAddress[] addresses = InternetAddress.parseHeader(value, false);
            return addresses.length == 0 ? null : addresses[0];
        } catch (AddressException unparseable) {
            return null;
        }
    }

    private static String decodedSubject(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            return MimeUtility.decodeText(raw);
        } catch (java.io.UnsupportedEncodingException | RuntimeException undecodable) {
            return raw;
        }
    }

    private static String problems(MessageStructure structure) {
        return structure.problems().isEmpty() ? "" : " (unreadable parts: " + String.join("; ", structure.problems()) + ")";
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
