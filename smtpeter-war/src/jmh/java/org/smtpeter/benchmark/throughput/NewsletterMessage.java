package org.smtpeter.benchmark.throughput;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The message of the load: the newsletter of {@code throughput/newsletter.eml.template} (about
 * 10.75 KB, multipart/alternative, a {@code <style>} block, 7 links, 4 remote images, 7bit, lines
 * under 120 octets), which gives the relay's features (CSS inlining, click and open tracking) real
 * work. It is kept as it goes over the wire, CRLF and dot-stuffed, so that a message costs the load
 * client only its few header lines and the client's own CPU stays the same for both peers.
 */
final class NewsletterMessage {

    private static final String TEMPLATE = "/throughput/newsletter.eml.template";

    private final String header;
    private final byte[] body;
    private final String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now());

    private NewsletterMessage(String header, byte[] body) {
        this.header = header;
        this.body = body;
    }

    static NewsletterMessage load() {
        String template;
        try (InputStream in = NewsletterMessage.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException(TEMPLATE + " is not on the class path");
            }
            template = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String crlf = template.replace("\r\n", "\n").replace("\n", "\r\n");
        int bodyStart = crlf.indexOf("\r\n\r\n") + 2;
        String header = crlf.substring(0, bodyStart);
        String body = crlf.substring(bodyStart);
        if (!body.endsWith("\r\n")) {
            body += "\r\n";
        }
        // Dot-stuffing (RFC 5321 4.5.2): the CSS rules start with a dot.
        body = body.replace("\r\n.", "\r\n..");
        return new NewsletterMessage(header, body.getBytes(StandardCharsets.US_ASCII));
    }

    /** The header lines of one message; {@code benchId} is what the sink recognises it by. */
    byte[] header(String benchId, String recipient) {
        return header.replace("${benchId}", benchId).replace("${to}", recipient).replace("${date}", date)
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Shared by all messages and never changed: the client only writes it. */
    byte[] body() {
        return body;
    }

    /** The size of the message itself (before dot-stuffing), for the report. */
    int size(String benchId, String recipient) {
        int stuffedDots = 0;
        for (int i = 0; i + 2 < body.length; i++) {
            if (body[i] == '\n' && body[i + 1] == '.' && body[i + 2] == '.') {
                stuffedDots++;
            }
        }
        return header(benchId, recipient).length + body.length - stuffedDots;
    }
}
