package org.smtpeter.intake.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.smtpeter.credentials.entity.FeatureSet;
import org.smtpeter.credentials.entity.SmtpCredential;

class JmsSubmissionTest {

    private static final byte[] MIME = "Subject: hi\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);

    private static JmsSubmission parse(String credential, String from, String to, byte[] body) throws JmsSubmission.Rejected {
        return JmsSubmission.parse(credential, from, to, body, "ID:1", 1000, 3);
    }

    @Test
    void takesTheEnvelopeFromTheProperties() throws Exception {
        JmsSubmission submission = parse(" app-1 ", "news@example.com", "a@example.net, b@example.org", MIME);

        assertEquals("app-1", submission.credential());
        assertEquals("news@example.com", submission.mailFrom());
        assertEquals(List.of("a@example.net", "b@example.org"), submission.recipients());
        assertArrayEquals(MIME, submission.raw());
        assertFalse(submission.eightBit());
        assertFalse(submission.utf8Addresses());
    }

    @Test
    void anEmptySenderIsTheNullSender() throws Exception {
        assertEquals("", parse("app", "", "a@example.net", MIME).mailFrom());
    }

    @Test
    void aRecipientNamedTwiceIsOneRecipient() throws Exception {
        assertEquals(List.of("a@example.net"), parse("app", "s@example.com", "a@example.net,A@example.net", MIME).recipients());
    }

    @Test
    void bareLineEndsBecomeCrlf() throws Exception {
        byte[] mixed = "Subject: x\n\nline one\rline two\r\nline three\n".getBytes(StandardCharsets.US_ASCII);

        byte[] raw = parse("app", "s@example.com", "a@example.net", mixed).raw();

        assertEquals("Subject: x\r\n\r\nline one\r\nline two\r\nline three\r\n", new String(raw, StandardCharsets.US_ASCII));
    }

    @Test
    void eightBitBodiesAndUtf8AddressesAreNoticed() throws Exception {
        JmsSubmission submission = parse("app", "s@example.com", "jürgen@example.de",
                "Subject: é\r\n\r\nü\r\n".getBytes(StandardCharsets.UTF_8));

        assertTrue(submission.eightBit());
        assertTrue(submission.utf8Addresses());
    }

    @ParameterizedTest(name = "{4}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "NULL | s@example.com | a@example.net | body | 'credential' (an SMTP user name) is missing",
            "'  ' | s@example.com | a@example.net | body | 'credential' (an SMTP user name) is missing",
            "app  | NULL          | a@example.net | body | 'mailFrom' (the envelope sender; empty for <>) is missing",
            "app  | not an address| a@example.net | body | 'mailFrom' is not a mail address",
            "app  | Sender <s@example.com> | a@example.net | body | 'mailFrom' is not a mail address",
            "app  | s@example.com | NULL          | body | 'rcptTo' (comma-separated recipient addresses) is missing",
            "app  | s@example.com | ' , '         | body | 'rcptTo' names no recipient",
            "app  | s@example.com | a@example.net, <b@example.net> | body | 'rcptTo' is not a mail address",
            "app  | s@example.com | a@x.net,b@x.net,c@x.net,d@x.net | body | 4 recipients; the limit is 3",
            "app  | s@example.com | a@example.net | ''   | the message body (raw MIME) is empty",
    })
    void refusesWhatSmtpWouldRefuse(String credential, String from, String to, String body, String reason) {
        JmsSubmission.Rejected rejected = assertThrows(JmsSubmission.Rejected.class,
                () -> parse(credential, from, to, body.getBytes(StandardCharsets.US_ASCII)));

        assertTrue(rejected.getMessage().contains(reason), rejected.getMessage());
    }

    @Test
    void refusesMessagesOverTheSizeLimit() {
        byte[] big = new byte[1001];
        java.util.Arrays.fill(big, (byte) 'x');

        JmsSubmission.Rejected rejected = assertThrows(JmsSubmission.Rejected.class,
                () -> parse("app", "s@example.com", "a@example.net", big));

        assertEquals("the message is 1001 octets; the limit is 1000", rejected.getMessage());
    }

    @Test
    void isSentOnlyAsACredentialThatAllowsJmsSubmission() throws Exception {
        JmsSubmission submission = parse("app", "s@example.com", "a@example.net", MIME);
        SmtpCredential allowed = credential(true, true);

        assertEquals(allowed, submission.sender(Optional.of(allowed)));
    }

    @Test
    void aCredentialWithoutTheSwitchIsRefusedAndSaysHowToSwitchItOn() throws Exception {
        JmsSubmission submission = parse("app", "s@example.com", "a@example.net", MIME);

        JmsSubmission.Rejected rejected = assertThrows(JmsSubmission.Rejected.class,
                () -> submission.sender(Optional.of(credential(true, false))));

        assertEquals("the SMTP credential 'app' does not allow JMS submission; switch on jmsSubmission for it"
                + " (REST API or dashboard) to send as it over JMS", rejected.getMessage());
    }

    @Test
    void anUnknownOrDisabledCredentialIsRefused() throws Exception {
        JmsSubmission submission = parse("app", "s@example.com", "a@example.net", MIME);

        for (Optional<SmtpCredential> found : List.of(Optional.<SmtpCredential>empty(),
                Optional.of(credential(false, true)))) {
            assertEquals("no enabled SMTP credential 'app'", assertThrows(JmsSubmission.Rejected.class,
                    () -> submission.sender(found)).getMessage());
        }
    }

    private static SmtpCredential credential(boolean enabled, boolean jmsSubmission) {
        SmtpCredential credential = new SmtpCredential(null, "app", "hash", FeatureSet.defaults(), null, Instant.EPOCH);
        credential.setEnabled(enabled);
        credential.setJmsSubmission(jmsSubmission);
        return credential;
    }
}
