package org.smtpeter.bounces.control;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimePartDataSource;
import jakarta.mail.internet.MimeUtility;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.smtpeter.bounces.control.OriginalMessage.HeaderField;

/**
 * Parses raw message bytes with Jakarta Mail and walks the MIME tree for the report parts, the
 * returned original's headers and the readable text. A returned message/rfc822 is never opened
 * beyond its headers: its text is the original mail, not the bounce.
 */
final class MessageStructureReader {

    /** Parts deeper than this are ignored (hostile nesting). */
    private static final int MAX_DEPTH = 12;
    /** Text kept from one part and in total; bounces quote whole messages, patterns need the start. */
    private static final int MAX_TEXT = 256 * 1024;

    private static final Session SESSION = Session.getInstance(properties());

    private static Properties properties() {
        Properties properties = new Properties();
        properties.setProperty("mail.mime.allowutf8", "true");
        properties.setProperty("mail.mime.parameters.strict", "false");
        return properties;
    }

    /** The message in the bytes; Jakarta Mail reads headers now and the body lazily. */
    MimeMessage read(byte[] raw) throws MessagingException {
        return new MimeMessage(SESSION, new ByteArrayInputStream(raw));
    }

    /**
     * Walks the message. A broken top-level multipart throws (the message cannot be understood);
     * a broken part further down is listed in {@link MessageStructure#problems()} and skipped.
     */
    MessageStructure structure(MimeMessage message) throws MessagingException, IOException {
        Walk walk = new Walk();
        walk.visit(message, 0);
        String text = walk.plain.length() > 0 ? walk.plain.toString() : walk.html.toString();
        OriginalMessage original = walk.original == null ? OriginalMessage.NONE : walk.original;
        return new MessageStructure(walk.deliveryStatuses, walk.feedbackReport, original, text, walk.problems);
    }

    /**
     * A multipart whose boundary never occurs (its parts were flattened on the way) read as one
     * text: the body as the readable text, and the RFC 3464 fields in it, from the first
     * Reporting-MTA or Final-Recipient line on, as its delivery status. The boundary parameter is
     * there, so nothing is guessed about where parts begin.
     */
    MessageStructure flattened(MimeMessage message) throws MessagingException, IOException {
        String body = decode(readCapped(message.getRawInputStream()), null);
        Matcher start = DSN_START.matcher(body);
        List<String> statuses = start.find() ? List.of(body.substring(start.start())) : List.of();
        return new MessageStructure(statuses, null, OriginalMessage.NONE, body, List.of("parts without boundary lines"));
    }

    private static final Pattern DSN_START = Pattern.compile(
            "^(?:Reporting-MTA|Final-Recipient):", Pattern.MULTILINE | Pattern.CASE_INSENSITIVE);

    /** The base type of a part in lower case ("text/plain" when missing or unreadable). */
    static String baseType(MimePart part) {
        String raw;
        try {
            raw = part.getContentType();
        } catch (MessagingException unreadable) {
            raw = null;
        }
        if (raw == null || raw.isBlank()) {
            return "text/plain";
        }
        try {
            return new ContentType(raw).getBaseType().toLowerCase(Locale.ROOT);
        } catch (jakarta.mail.internet.ParseException invalid) {
            return raw.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        }
    }

    /** The headers of a returned message or header part. */
    static OriginalMessage originalOf(InputStream content) throws MessagingException {
        InternetHeaders headers = new InternetHeaders(content, true);
        List<HeaderField> fields = new ArrayList<>();
        String messageId = null;
        for (Header header : Collections.list(headers.getAllHeaders())) {
            String value = header.getValue() == null ? "" : header.getValue().replaceAll("\\s*\\r?\\n[ \\t]*", " ").strip();
            fields.add(new HeaderField(header.getName(), value));
            if (messageId == null && header.getName().equalsIgnoreCase("Message-ID")) {
                messageId = messageId(value);
            }
        }
        return fields.isEmpty() ? OriginalMessage.NONE : new OriginalMessage(messageId, fields);
    }

    /** The msg-id in a Message-ID or In-Reply-To value ("<...>"), or the trimmed value, or null. */
    static String messageId(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        int open = value.indexOf('<');
        int close = value.indexOf('>', open + 1);
        return open >= 0 && close > open ? value.substring(open, close + 1) : value.strip();
    }

    /**
     * Decodes text bytes: the declared charset when Java knows it, else UTF-8 when the bytes are
     * valid UTF-8, else windows-1252 (what undeclared 8-bit mail nearly always is).
     */
    static String decode(byte[] bytes, String charset) {
        if (charset != null) {
            try {
                return new String(bytes, Charset.forName(MimeUtility.javaCharset(charset.strip())));
            } catch (IllegalArgumentException unknownCharset) {
                // fall through to detection
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(bytes, Charset.forName("windows-1252"));
        }
    }

    private static byte[] readCapped(InputStream in) throws IOException {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while (out.size() < MAX_TEXT && (n = in.read(buffer)) > 0) {
                out.write(buffer, 0, Math.min(n, MAX_TEXT - out.size()));
            }
            return out.toByteArray();
        }
    }

    /** The decoded content of a part; the raw content when the transfer encoding is unknown. */
    private static InputStream content(MimePart part) throws MessagingException, IOException {
        try {
            return new MimePartDataSource(part).getInputStream();
        } catch (IOException unknownEncoding) {
            if (part instanceof MimeBodyPart body) {
                return body.getRawInputStream();
            }
            if (part instanceof MimeMessage message) {
                return message.getRawInputStream();
            }
            throw unknownEncoding;
        }
    }

    private static String boundaryOf(MimePart part) {
        try {
            String raw = part.getContentType();
            String boundary = raw == null ? null : new ContentType(raw).getParameter("boundary");
            return boundary == null || boundary.isEmpty() ? null : boundary;
        } catch (MessagingException unreadable) {
            return null;
        }
    }

    private static String charsetOf(MimePart part) {
        try {
            String raw = part.getContentType();
            return raw == null ? null : new ContentType(raw).getParameter("charset");
        } catch (MessagingException unreadable) {
            return null;
        }
    }

    /** One walk over a message tree, collecting as it goes. */
    private static final class Walk {
        final List<String> deliveryStatuses = new ArrayList<>();
        String feedbackReport;
        OriginalMessage original;
        final StringBuilder plain = new StringBuilder();
        final StringBuilder html = new StringBuilder();
        final List<String> problems = new ArrayList<>();

        void visit(MimePart part, int depth) throws MessagingException, IOException {
            if (depth > MAX_DEPTH) {
                problems.add("nesting deeper than " + MAX_DEPTH);
                return;
            }
            String type = baseType(part);
            if (type.startsWith("multipart/")) {
                visitMultipart(part, type, depth);
                return;
            }
            switch (type) {
                case "message/delivery-status", "message/global-delivery-status" ->
                        deliveryStatuses.add(decode(readCapped(content(part)), "UTF-8"));
                case "message/feedback-report" -> {
                    if (feedbackReport == null) {
                        feedbackReport = decode(readCapped(content(part)), "UTF-8");
                    }
                }
                case "message/rfc822", "message/global", "text/rfc822-headers", "message/global-headers",
                     "message/rfc822-headers" -> {
                    if (original == null) {
                        original = originalOf(content(part));
                    }
                }
                case "text/plain" -> append(plain, decode(readCapped(content(part)), charsetOf(part)));
                case "text/html" -> append(html, htmlToText(decode(readCapped(content(part)), charsetOf(part))));
                default -> {
                    // attachments, images, other reports: nothing to read
                }
            }
        }

        private void visitMultipart(MimePart part, String type, int depth) throws MessagingException, IOException {
            // Jakarta Mail would guess a missing boundary from the first "--" line (a System
            // property, not a Session one, controls that); a mangled report is not trusted instead.
            // Inside a readable message, a part whose boundary parameter was lost in a broken
            // header fold (Verizon) is read as the text it holds.
            if (boundaryOf(part) == null) {
                if (depth == 0) {
                    throw new MessagingException(type + " without a boundary parameter");
                }
                append(plain, decode(readCapped(content(part)), null));
                return;
            }
            MimeMultipart multipart = new MimeMultipart(new MimePartDataSource(part));
            int count = multipart.getCount();
            List<MimePart> children = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                children.add((MimePart) multipart.getBodyPart(i));
            }
            if (type.equals("multipart/alternative")) {
                // One rendering is enough; plain text is what the patterns are written for.
                children = children.stream().filter(c -> baseType(c).equals("text/plain")).findFirst()
                        .map(List::of).orElse(children.isEmpty() ? List.of() : List.of(children.get(children.size() - 1)));
            }
            for (MimePart child : children) {
                try {
                    visit(child, depth + 1);
                } catch (MessagingException | IOException | RuntimeException broken) {
                    problems.add(type + " part " + baseType(child) + ": " + broken.getMessage());
                }
            }
        }

        private static void append(StringBuilder into, String text) {
            if (into.length() < MAX_TEXT) {
                if (into.length() > 0) {
                    into.append("\n\n");
                }
                into.append(text, 0, Math.min(text.length(), MAX_TEXT - into.length()));
            }
        }

        private static String htmlToText(String html) {
            Document document = Jsoup.parse(html);
            document.outputSettings().prettyPrint(false);
            document.select("br").before("\n");
            document.select("p, div, tr, li, h1, h2, h3, h4, h5, h6, table, blockquote, pre").before("\n\n");
            return document.body() == null ? "" : document.body().wholeText();
        }
    }
}
