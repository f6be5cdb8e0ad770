package org.smtpeter.intake.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import jakarta.activation.DataHandler;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.util.ByteArrayDataSource;

import org.smtpeter.delivery.control.DeliverySettings;

/**
 * Composes the MIME message of a {@link SendRequest}: text, HTML or both (multipart/alternative),
 * attachments (multipart/mixed), the extra headers, and the features and tags as the
 * {@code x-smtpeter-*} headers an SMTP client would set, so that from here on the message takes
 * exactly the path of one that came by SMTP. Bcc recipients are in the envelope only.
 */
@ApplicationScoped
public class MessageComposer {

    /** Set from the request's own fields; an extra header may not set them again. */
    private static final Set<String> COMPOSED = Set.of("from", "to", "cc", "bcc", "reply-to", "subject", "date",
            "mime-version", "content-type", "content-transfer-encoding", "x-smtpeter-tags");

    @Inject
    DeliverySettings settings;

    private Session session;

    @PostConstruct
    void start() {
        start(settings.hostName());
    }

    void start(String hostName) {
        Properties properties = new Properties();
        // Message-IDs name this relay, as those of its own notifications do.
        properties.put("mail.from", "smtpeter@" + hostName);
        session = Session.getInstance(properties);
    }

    /** The envelope and the composed bytes; {@code maxSize} and {@code maxRecipients} as for SMTP. */
    public ApiSubmission compose(SendRequest request, long maxSize, int maxRecipients) throws JmsSubmission.Rejected {
        if (request == null) {
            throw new JmsSubmission.Rejected("the request body is empty");
        }
        InternetAddress from = address("from", request.from());
        if (from == null) {
            throw new JmsSubmission.Rejected("'from' is missing");
        }
        if (request.text() == null && request.html() == null && request.attachments().isEmpty()) {
            throw new JmsSubmission.Rejected("the message has no content: give 'text', 'html' or 'attachments'");
        }
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(from);
            message.setRecipients(Message.RecipientType.TO, addresses("to", request.to()));
            message.setRecipients(Message.RecipientType.CC, addresses("cc", request.cc()));
            if (request.replyTo() != null) {
                message.setReplyTo(new InternetAddress[] {address("replyTo", request.replyTo())});
            }
            if (request.subject() != null) {
                message.setSubject(request.subject(), "UTF-8");
            }
            message.setSentDate(new Date());
            extraHeaders(message, request);
            body(message, request);
            message.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            List<String> recipients = new ArrayList<>();
            for (List<String> field : List.of(request.to(), request.cc(), request.bcc())) {
                for (InternetAddress address : addresses("to", field)) {
                    recipients.add(address.getAddress());
                }
            }
            return ApiSubmission.of(request.credential(), from.getAddress(), recipients, out.toByteArray(), maxSize,
                    maxRecipients);
        } catch (MessagingException e) {
            throw new JmsSubmission.Rejected("the message cannot be composed: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void extraHeaders(MimeMessage message, SendRequest request)
            throws MessagingException, JmsSubmission.Rejected {
        for (Map.Entry<String, String> header : request.headers().entrySet()) {
            String name = header.getKey() == null ? "" : header.getKey().strip();
            String value = header.getValue() == null ? "" : header.getValue();
            if (!name.matches("[!-9;-~]+")) {
                throw new JmsSubmission.Rejected("'" + name + "' is not a header field name");
            }
            if (COMPOSED.contains(name.toLowerCase(Locale.ROOT))) {
                throw new JmsSubmission.Rejected("the header " + name + " is set from the request's own field");
            }
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new JmsSubmission.Rejected("the value of " + name + " contains a line break");
            }
            message.addHeader(name, value);
        }
        SendRequest.Features features = request.features();
        if (features != null) {
            feature(message, "X-SMTPeter-InlineCss", features.inlineCss());
            feature(message, "X-SMTPeter-TrackClicks", features.trackClicks());
            feature(message, "X-SMTPeter-TrackOpens", features.trackOpens());
            feature(message, "X-SMTPeter-TrackBounces", features.trackBounces());
            feature(message, "X-SMTPeter-PreventScam", features.preventScam());
            feature(message, "X-SMTPeter-Unsubscribe", features.unsubscribe());
        }
        if (!request.tags().isEmpty()) {
            message.setHeader("X-SMTPeter-Tags", String.join(",", request.tags()));
        }
    }

    private static void feature(MimeMessage message, String header, Boolean on) throws MessagingException {
        if (on != null) {
            message.setHeader(header, on.toString());
        }
    }

    private static MimeMultipart alternative(SendRequest request) throws MessagingException {
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(request.text(), "UTF-8");
        alternative.addBodyPart(text);
        MimeBodyPart html = new MimeBodyPart();
        html.setText(request.html(), "UTF-8", "html");
        alternative.addBodyPart(html);
        return alternative;
    }

    private static void body(MimeMessage message, SendRequest request) throws MessagingException, JmsSubmission.Rejected {
        if (request.attachments().isEmpty()) {
            content(message, request);
            return;
        }
        MimeMultipart mixed = new MimeMultipart("mixed");
        if (request.text() != null || request.html() != null) {
            MimeBodyPart main = new MimeBodyPart();
            content(main, request);
            mixed.addBodyPart(main);
        }
        for (SendRequest.Attachment attachment : request.attachments()) {
            mixed.addBodyPart(attachment(attachment));
        }
        message.setContent(mixed);
    }

    /** Text, HTML, or both as multipart/alternative (text first: clients show the last they can). */
    private static void content(MimePart part, SendRequest request) throws MessagingException {
        if (request.text() != null && request.html() != null) {
            part.setContent(alternative(request));
        } else if (request.html() != null) {
            part.setText(request.html(), "UTF-8", "html");
        } else {
            part.setText(request.text(), "UTF-8");
        }
    }

    private static MimeBodyPart attachment(SendRequest.Attachment attachment)
            throws MessagingException, JmsSubmission.Rejected {
        if (attachment.content() == null) {
            throw new JmsSubmission.Rejected("an attachment has no 'content'");
        }
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(attachment.content().getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new JmsSubmission.Rejected("the content of attachment " + attachment.filename() + " is not base64");
        }
        String type = attachment.contentType() == null ? "application/octet-stream" : attachment.contentType();
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(bytes, type)));
        if (attachment.filename() != null) {
            part.setFileName(attachment.filename());
        }
        part.setDisposition(MimeBodyPart.ATTACHMENT);
        return part;
    }

    private static InternetAddress address(String field, String text) throws JmsSubmission.Rejected {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            InternetAddress address = new InternetAddress(text.strip(), true);
            if (address.isGroup() || !address.getAddress().contains("@")) {
                throw new AddressException("not a single address");
            }
            return address;
        } catch (AddressException e) {
            throw new JmsSubmission.Rejected("'" + field + "' is not a mail address: " + text);
        }
    }

    private static InternetAddress[] addresses(String field, List<String> texts) throws JmsSubmission.Rejected {
        List<InternetAddress> addresses = new ArrayList<>();
        for (String text : texts) {
            InternetAddress address = address(field, text);
            if (address != null) {
                addresses.add(address);
            }
        }
        return addresses.toArray(InternetAddress[]::new);
    }
}
