package org.smtpeter.intake.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MessageComposerTest {

    private final MessageComposer composer = new MessageComposer();

    @BeforeEach
    void start() {
        composer.start("relay.test");
    }

    @Test
    void textOnlyIsOneTextPartAndBccIsOnlyInTheEnvelope() throws Exception {
        ApiSubmission submission = composer.compose(request(Map.of(), null, List.of("hidden@example.net")), 1_000_000, 10);

        MimeMessage message = parse(submission.raw());
        assertTrue(message.isMimeType("text/plain"), message.getContentType());
        assertEquals("Hello, world", ((String) message.getContent()).strip());
        assertEquals(null, message.getHeader("Bcc"));
        assertEquals(List.of("to@example.net", "hidden@example.net"), submission.recipients());
        assertEquals("app@example.com", submission.mailFrom());
        assertTrue(message.getMessageID().endsWith("@relay.test>"), message.getMessageID());
        assertTrue(new String(submission.raw(), StandardCharsets.US_ASCII).contains("\r\n\r\n"), "CRLF line ends");
    }

    @Test
    void featuresAndTagsBecomeTheHeadersAnSmtpClientWouldSet() throws Exception {
        SendRequest request = new SendRequest("smtp-user", "app@example.com", List.of("to@example.net"), null, null,
                null, "Hi", null, "<p>Hi</p>", null, null, List.of("spring", "news"),
                new SendRequest.Features(true, false, null, null, null, true));

        MimeMessage message = parse(composer.compose(request, 1_000_000, 10).raw());

        assertEquals("true", message.getHeader("X-SMTPeter-InlineCss", null));
        assertEquals("false", message.getHeader("X-SMTPeter-TrackClicks", null));
        assertEquals(null, message.getHeader("X-SMTPeter-TrackOpens"), "unset keeps the credential's default");
        assertEquals("true", message.getHeader("X-SMTPeter-Unsubscribe", null));
        assertEquals("spring,news", message.getHeader("X-SMTPeter-Tags", null));
        assertTrue(message.isMimeType("text/html"));
    }

    @Test
    void headersThatWouldChangeTheEnvelopeOrInjectLinesAreRefused() {
        assertThrows(JmsSubmission.Rejected.class,
                () -> composer.compose(request(Map.of("X-Note", "a\r\nBcc: victim@example.net"), null, null), 1_000_000, 10));
        assertThrows(JmsSubmission.Rejected.class,
                () -> composer.compose(request(Map.of("Bcc", "victim@example.net"), null, null), 1_000_000, 10));
        assertThrows(JmsSubmission.Rejected.class,
                () -> composer.compose(request(Map.of("Bad Name", "x"), null, null), 1_000_000, 10));
    }

    @Test
    void limitsAndAddressesAreCheckedAsForSmtp() {
        assertThrows(JmsSubmission.Rejected.class, () -> composer.compose(request(Map.of(), null, null), 10, 10));
        assertThrows(JmsSubmission.Rejected.class,
                () -> composer.compose(request(Map.of(), null, List.of("a@example.net", "b@example.net")), 1_000_000, 2));
        assertThrows(JmsSubmission.Rejected.class,
                () -> composer.compose(request(Map.of(), "not an address", null), 1_000_000, 10));
        JmsSubmission.Rejected noContent = assertThrows(JmsSubmission.Rejected.class, () -> composer.compose(
                new SendRequest("u", "app@example.com", List.of("to@example.net"), null, null, null, "s", null, null,
                        null, null, null, null), 1_000_000, 10));
        assertFalse(noContent.getMessage().isBlank());
    }

    private static SendRequest request(Map<String, String> headers, String replyTo, List<String> bcc) {
        return new SendRequest("smtp-user", "App <app@example.com>", List.of("to@example.net"), null, bcc, replyTo,
                "Hello", "Hello, world", null, null, headers, null, null);
    }

    private static MimeMessage parse(byte[] raw) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
    }
}
