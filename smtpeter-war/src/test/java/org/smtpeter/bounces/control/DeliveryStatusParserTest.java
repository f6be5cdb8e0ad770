package org.smtpeter.bounces.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.smtpeter.bounces.control.DeliveryStatusParser.DeliveryStatus;
import org.smtpeter.bounces.control.ReportedRecipient.Action;

class DeliveryStatusParserTest {

    private final DeliveryStatusParser parser = new DeliveryStatusParser();

    private ReportedRecipient only(String text) {
        List<ReportedRecipient> recipients = parser.parse(text).recipients();
        assertEquals(1, recipients.size(), "recipients in:\n" + text);
        return recipients.get(0);
    }

    @Test
    void readsPerMessageAndPerRecipientFields() {
        DeliveryStatus status = parser.parse("""
                Reporting-MTA: dns; mx.example.net
                Arrival-Date: Tue,  4 Mar 2025 11:17:01 +0100 (CET)

                Final-Recipient: rfc822; alice@example.net
                Original-Recipient: rfc822;info@example.net
                Action: failed
                Status: 5.1.1
                Remote-MTA: dns; mailstore1.example.net
                Diagnostic-Code: smtp; 550 5.1.1 User unknown
                """);
        assertEquals("mx.example.net", status.reportingMta());
        assertEquals(List.of(new ReportedRecipient("alice@example.net", "info@example.net", Action.FAILED, "5.1.1",
                "smtp", "550 5.1.1 User unknown", "mailstore1.example.net")), status.recipients());
    }

    @Test
    void unfoldsContinuationLines() {
        ReportedRecipient recipient = only("Reporting-MTA: dns; mx.example.net\r\n\r\n"
                + "Final-Recipient: rfc822; bob@example.org\r\n"
                + "Action: failed\r\n"
                + "Status: 5.2.2\r\n"
                + "Diagnostic-Code: smtp; 552 5.2.2 <bob@example.org> Quota exceeded (mailbox for\r\n"
                + "    user is full)\r\n"
                + "\tsecond continuation\r\n"
                + "Remote-MTA: dns;\r\n mail.example.org\r\n");
        assertEquals("552 5.2.2 <bob@example.org> Quota exceeded (mailbox for user is full) second continuation",
                recipient.diagnostic());
        assertEquals("mail.example.org", recipient.remoteMta());
    }

    @ParameterizedTest(name = "Status: {0}")
    @CsvSource(delimiter = '|', value = {
            "5.1.1 (bad destination mailbox address) | 5.1.1",
            "(permanent failure) 5.1.2                | 5.1.2",
            "4.2.2 (mailbox full (over quota))         | 4.2.2",
            "5.01.001                                 | 5.1.1",
            "5.1.10                                   | 5.1.10",
            "(only a comment 5.1.1)                   | -",
            "unknown                                  | -"}, nullValues = "-")
    void readsTheStatusWithoutComments(String value, String expected) {
        ReportedRecipient recipient = only("Final-Recipient: rfc822; a@example.net\nAction: failed\nStatus: " + value + "\n");
        assertEquals(expected, recipient.status());
    }

    @Test
    void fieldNamesAndActionValuesAreCaseInsensitive() {
        ReportedRecipient recipient = only("""
                REPORTING-MTA: DNS; mx.example.net

                final-recipient: RFC822; carol@example.com
                ACTION: Delivered (to mailbox)
                sTaTuS: 2.0.0
                remote-mta: DNS; in.example.com
                DIAGNOSTIC-CODE: SMTP; 250 2.0.0 Ok
                """);
        assertEquals("carol@example.com", recipient.finalRecipient());
        assertEquals(Action.DELIVERED, recipient.action());
        assertEquals("2.0.0", recipient.status());
        assertEquals("smtp", recipient.diagnosticType());
        assertEquals("in.example.com", recipient.remoteMta());
    }

    @ParameterizedTest(name = "Diagnostic-Code: {0}")
    @CsvSource(delimiter = '|', value = {
            "smtp; 550 5.1.1 <a@example.net>: User unknown                | smtp      | 550 5.1.1 <a@example.net>: User unknown",
            "SMTP;550 5.1.1 User unknown                                  | smtp      | 550 5.1.1 User unknown",
            "X-Postfix; Host or domain name not found. Name service error | x-postfix | Host or domain name not found. Name service error",
            "X-Unix; maildrop: maildir over quota.                        | x-unix    | maildrop: maildir over quota.",
            "smtp; 554 5.7.1 blocked; see https://dnsbl.example.org/q     | smtp      | 554 5.7.1 blocked; see https://dnsbl.example.org/q",
            "550 5.1.1 User unknown; rejected                             | -         | 550 5.1.1 User unknown; rejected",
            "Recipient unknown; rejected                                  | -         | Recipient unknown; rejected",
            "smtp;                                                        | smtp      | -"}, nullValues = "-")
    void splitsTheDiagnosticTypeFromTheText(String value, String type, String text) {
        ReportedRecipient recipient = only("Final-Recipient: rfc822; a@example.net\nAction: failed\nDiagnostic-Code: "
                + value + "\n");
        assertEquals(type, recipient.diagnosticType());
        assertEquals(text, recipient.diagnostic());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "rfc822; dave@example.net                    | dave@example.net",
            "rfc822;<dave@example.net>                   | dave@example.net",
            "RFC822; Dave Example <dave@example.net>     | dave@example.net",
            "rfc822; dave@example.net (Dave)             | dave@example.net",
            "dave@example.net                            | dave@example.net",
            "utf-8; ürsula@bücher.example                | ürsula@bücher.example",
            "utf-8; \\x{FC}rsula@b\\x{FC}cher.example    | ürsula@bücher.example",
            "utf-8; bad\\x{FFFFFF}@example.net           | bad\\x{FFFFFF}@example.net"})
    void readsRecipientAddresses(String value, String expected) {
        assertEquals(expected, only("Final-Recipient: " + value + "\nAction: failed\n").finalRecipient());
    }

    @Test
    void readsSeveralRecipientGroups() {
        DeliveryStatus status = parser.parse("""
                Reporting-MTA: dns; smtp.example.net

                Final-Recipient: RFC822; olga@example.net
                Action: failed
                Status: 5.1.1

                Final-Recipient: RFC822; pete@example.net
                Action: delivered (to mailbox)
                Status: 2.0.0

                Original-Recipient: rfc822; info@example.net
                Final-Recipient: rfc822; quinn@example.net
                Action: delayed
                Status: 4.4.1
                """);
        assertEquals(List.of("olga@example.net", "pete@example.net", "quinn@example.net"),
                status.recipients().stream().map(ReportedRecipient::finalRecipient).toList());
        assertEquals(List.of(Action.FAILED, Action.DELIVERED, Action.DELAYED),
                status.recipients().stream().map(ReportedRecipient::action).toList());
        assertEquals("info@example.net", status.recipients().get(2).originalRecipient());
    }

    @Test
    void splitsGroupsThatLackTheBlankLine() {
        DeliveryStatus status = parser.parse("""
                Reporting-MTA: dns; sloppy.example.net
                Final-Recipient: rfc822; one@example.net
                Action: failed
                Status: 5.1.1
                Original-Recipient: rfc822; alias@example.net
                Final-Recipient: rfc822; two@example.net
                Action: failed
                Status: 5.2.2
                Final-Recipient: rfc822; three@example.net
                Action: delayed
                """);
        assertEquals("sloppy.example.net", status.reportingMta());
        assertEquals(List.of("one@example.net", "two@example.net", "three@example.net"),
                status.recipients().stream().map(ReportedRecipient::finalRecipient).toList());
        assertEquals("alias@example.net", status.recipients().get(1).originalRecipient());
        assertNull(status.recipients().get(0).originalRecipient());
        assertEquals("5.2.2", status.recipients().get(1).status());
    }

    @Test
    void acceptsFieldsInAnyOrderWithinAGroup() {
        // Exim writes Action before Final-Recipient.
        ReportedRecipient recipient = only("""
                Reporting-MTA: dns; mx1.example.org

                Action: failed
                Final-Recipient: rfc822;erin@example.org
                Status: 5.0.0
                """);
        assertEquals("erin@example.org", recipient.finalRecipient());
        assertEquals(Action.FAILED, recipient.action());
    }

    @ParameterizedTest(name = "Action: {0}, Status: {1}")
    @CsvSource(delimiter = '|', value = {
            "-          | 5.1.1 | FAILED",
            "-          | 4.4.1 | DELAYED",
            "-          | 2.0.0 | DELIVERED",
            "bounced    | 5.1.1 | FAILED",
            "relayed    | 2.0.0 | RELAYED",
            "Expanded   | 2.0.0 | EXPANDED",
            "-          | -     | -"}, nullValues = "-")
    void infersAMissingOrInvalidActionFromTheStatus(String action, String status, Action expected) {
        String text = "Final-Recipient: rfc822; a@example.net\n" + (action == null ? "" : "Action: " + action + "\n")
                + (status == null ? "" : "Status: " + status + "\n");
        assertEquals(expected, only(text).action());
    }

    @Test
    void toleratesNoiseAndGroupsWithoutARecipient() {
        DeliveryStatus status = parser.parse("""
                this line is not a field
                Reporting-MTA: dns; mx.example.net

                Action: failed
                Status: 5.1.1

                Final-Recipient: rfc822; real@example.net
                : empty name
                Action: failed
                """);
        assertEquals(List.of("real@example.net"),
                status.recipients().stream().map(ReportedRecipient::finalRecipient).toList());
        assertTrue(parser.parse("").recipients().isEmpty());
        assertTrue(parser.parse("Reporting-MTA: dns; mx.example.net\n").recipients().isEmpty());
    }

    @Test
    void keepsGmailsOriginalMessageId() {
        DeliveryStatus status = parser.parse("""
                Reporting-MTA: dns; googlemail.example
                X-Original-Message-ID: <abc@relay.shop.example>

                Final-Recipient: rfc822; jack@gmail.example
                Action: failed
                Status: 5.1.1
                Remote-MTA: dns; gmail-smtp-in.l.google.example. (192.0.2.27, the server for the domain)
                """);
        assertEquals("<abc@relay.shop.example>", status.originalMessageId());
        assertEquals("gmail-smtp-in.l.google.example.", status.recipients().get(0).remoteMta());
    }
}
