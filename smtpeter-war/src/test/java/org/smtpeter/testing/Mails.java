package org.smtpeter.testing;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/** Test messages as raw bytes, with senders unique per test so that tests never see each other's mail. */
public final class Mails {

    private Mails() {
    }

    public static String uniqueSender() {
        return "sender-" + UUID.randomUUID() + "@it.example.org";
    }

    /** A small MIME message with a UTF-8 body and lines that need dot-stuffing. */
    public static byte[] simple(String from, String to, String subject) {
        return ("From: <" + from + ">\r\n"
                + "To: <" + to + ">\r\n"
                + "Subject: " + subject + "\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n"
                + "X-SMTPeter-TrackClicks: false\r\n"
                + "\r\n"
                + "Hallo Wörld, ça va?\r\n"
                + ".a line that starts with a dot\r\n"
                + "..two dots\r\n"
                + ".\tdot and tab\r\n"
                + "last line\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** A message of about {@code size} octets, for throughput and limit tests. */
    public static byte[] ofSize(String from, String to, int size) {
        StringBuilder text = new StringBuilder(size + 200);
        text.append("From: <").append(from).append(">\r\nTo: <").append(to)
                .append(">\r\nSubject: size ").append(size).append("\r\n\r\n");
        while (text.length() < size) {
            text.append("0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz\r\n");
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * A report with a small HTML part and {@code attachment}, base64-encoded, in multipart/mixed:
     * the shape of the large messages that memory must not depend on.
     *
     * @param extraHeaders header lines (each ending in CRLF) added to the message's own
     */
    public static byte[] withAttachment(String extraHeaders, byte[] attachment) {
        String head = "From: reports@example.com\r\n"
                + "To: ivan@example.org\r\n"
                + "Subject: Big export\r\n"
                + "Message-ID: <big-" + UUID.randomUUID() + "@example.com>\r\n"
                + extraHeaders
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"big-boundary\"\r\n"
                + "\r\n"
                + "--big-boundary\r\n"
                + "Content-Type: text/html; charset=utf-8\r\n"
                + "Content-Transfer-Encoding: quoted-printable\r\n"
                + "\r\n"
                + "<html><body><p>Your export is attached.</p></body></html>\r\n"
                + "--big-boundary\r\n"
                + "Content-Type: application/octet-stream; name=\"export.bin\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"export.bin\"\r\n"
                + "\r\n";
        byte[] body = java.util.Base64.getMimeEncoder().encode(attachment);
        String tail = "\r\n--big-boundary--\r\n";
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(head.length() + body.length + tail.length());
        out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body);
        out.writeBytes(tail.getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** The message as an SMTP client sends it after DATA: lines starting with a dot get another (RFC 5321 4.5.2). */
    public static byte[] dotStuffed(byte[] raw) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(raw.length + 16);
        boolean lineStart = true;
        for (byte b : raw) {
            if (lineStart && b == '.') {
                out.write('.');
            }
            out.write(b);
            lineStart = b == '\n';
        }
        return out.toByteArray();
    }

    public static MimeMessage parse(Session session, byte[] raw) throws MessagingException {
        return new MimeMessage(session, new ByteArrayInputStream(raw));
    }

    /** The public id from a reply like {@code 250 2.0.0 OK: queued as <id>}. */
    public static String queuedId(String reply) {
        int at = reply.indexOf("queued as ");
        if (!reply.startsWith("250") || at < 0) {
            throw new AssertionError("not a queued reply: " + reply);
        }
        return reply.substring(at + "queued as ".length()).strip();
    }
}
