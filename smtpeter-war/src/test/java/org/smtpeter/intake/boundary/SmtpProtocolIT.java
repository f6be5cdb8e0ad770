package org.smtpeter.intake.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smtpeter.testing.RawSmtpClient.expect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smtpeter.testing.Mails;
import org.smtpeter.testing.RawSmtpClient;
import org.smtpeter.testing.Relay;
import org.smtpeter.testing.RelayExtension;
import org.smtpeter.testing.TestCredential;
import org.smtpeter.testing.TestLimits;

/** The protocol on the real listener, byte by byte: pipelining, STARTTLS injection, broken clients, limits. */
@ExtendWith(RelayExtension.class)
class SmtpProtocolIT {

    @Test
    void pipelinedTransactionsAreAnsweredInOrder(Relay relay) throws IOException {
        TestCredential credential = relay.newCredential();
        String sender = Mails.uniqueSender();
        try (RawSmtpClient client = new RawSmtpClient(relay.submissionPort())) {
            client.login(credential.username(), credential.password());
            client.write("MAIL FROM:<" + sender + ">\r\nRCPT TO:<a@example.net>\r\nRCPT TO:<b@example.net>\r\nDATA\r\n");
            expect("250 2.1.0", client.reply());
            expect("250 2.1.5", client.reply());
            expect("250 2.1.5", client.reply());
            expect("354", client.reply());
            client.write("Subject: one\r\n\r\nfirst\r\n.\r\nMAIL FROM:<" + sender + ">\r\nRCPT TO:<c@example.net>\r\nDATA\r\n");
            expect("250 2.0.0", client.reply());
            expect("250 2.1.0", client.reply());
            expect("250 2.1.5", client.reply());
            expect("354", client.reply());
            client.write("Subject: two\r\n\r\nsecond\r\n.\r\nQUIT\r\n");
            expect("250 2.0.0", client.reply());
            expect("221 2.0.0", client.reply());
        }
        assertEquals(2, relay.messagesFrom(sender).size());
    }

    @Test
    void plaintextPipelinedBehindStartTlsIsDiscarded(Relay relay) throws IOException {
        String injected = Mails.uniqueSender();
        try (RawSmtpClient client = new RawSmtpClient(relay.submissionPort())) {
            expect("220", client.reply());
            expect("250", client.command("EHLO attacker.test"));
            client.write("STARTTLS\r\nMAIL FROM:<" + injected + ">\r\n");
            expect("220 2.0.0", client.reply());
            client.startTls();
            expect("250", client.command("EHLO client.test"));
            // Had the injected MAIL survived, this RCPT would be accepted into its transaction.
            expect("503 5.5.1", client.command("RCPT TO:<victim@example.net>"));
        }
    }

    @Test
    void submissionListensOnEveryConfiguredPort(Relay relay) throws IOException {
        TestCredential credential = relay.newCredential();
        try (RawSmtpClient client = new RawSmtpClient(relay.server().secondSubmissionPort())) {
            client.login(credential.username(), credential.password());
            expect("221", client.command("QUIT"));
        }
    }

    @Test
    void authIsNeitherOfferedNorAcceptedBeforeTls(Relay relay) throws IOException {
        try (RawSmtpClient client = new RawSmtpClient(relay.submissionPort())) {
            expect("220", client.reply());
            client.write("EHLO client.test\r\n");
            List<String> ehlo = client.replyLines();
            assertTrue(ehlo.stream().anyMatch(line -> line.endsWith("STARTTLS")), ehlo.toString());
            assertTrue(ehlo.stream().noneMatch(line -> line.contains("AUTH")), ehlo.toString());
            expect("538 5.7.11", client.command("AUTH PLAIN AHVzZXIAcGFzc3dvcmQ="));
            expect("538 5.7.11", client.command("AUTH LOGIN"));
        }
    }

    @Test
    void clientThatHangsUpMidDataLeavesNothingStored(Relay relay) throws Exception {
        TestCredential credential = relay.newCredential();
        String sender = Mails.uniqueSender();
        try (RawSmtpClient client = new RawSmtpClient(relay.submissionPort())) {
            client.login(credential.username(), credential.password());
            client.startData(sender, "a@example.net");
            client.write("Subject: cut off\r\n\r\nthe first half of a message\r\n");
        }
        Thread.sleep(1500);
        assertEquals(0, relay.messagesFrom(sender).size());
    }

    @Test
    void smuggledTransactionStaysInsideTheOneMessage(Relay relay) throws Exception {
        TestCredential credential = relay.newCredential();
        String sender = Mails.uniqueSender();
        try (RawSmtpClient client = new RawSmtpClient(relay.submissionPort())) {
            client.login(credential.username(), credential.password());
            client.startData(sender, "a@example.net");
            // The classic smuggling payload: <LF>.<LF> followed by a second transaction.
            client.write("Subject: smuggle\r\n\r\nhello\n.\nMAIL FROM:<" + sender + ">\r\nRCPT TO:<b@example.net>\r\n"
                    + "DATA\r\nforged\r\n.\r\n");
            expect("250 2.0.0", client.reply());
            expect("250", client.command("NOOP"));
        }
        assertEquals(1, relay.messagesFrom(sender).size(), "one message, no second transaction");
        String id = relay.messagesFrom(sender).getJsonObject(0).getString("id");
        assertEquals("Subject: smuggle\r\n\r\nhello\r\n.\r\nMAIL FROM:<" + sender + ">\r\nRCPT TO:<b@example.net>\r\n"
                + "DATA\r\nforged\r\n", new String(relay.rawMessage(id), java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void oversizedMessagesAreRefusedAndTheSessionGoesOn(Relay relay) throws IOException {
        TestCredential credential = relay.newCredential();
        String sender = Mails.uniqueSender();
        try (RawSmtpClient client = new RawSmtpClient(relay.submissionPort())) {
            client.login(credential.username(), credential.password());
            expect("552 5.3.4", client.command("MAIL FROM:<" + sender + "> SIZE=" + (TestLimits.MAX_MESSAGE_SIZE + 1)));
            client.startData(sender, "a@example.net");
            client.write(Mails.ofSize(sender, "a@example.net", TestLimits.MAX_MESSAGE_SIZE + 10_000));
            client.write(".\r\n");
            expect("552 5.3.4", client.reply());
            expect("250", client.command("NOOP"));
            expect("250", client.command("MAIL FROM:<" + sender + ">"));
        }
        assertEquals(0, relay.messagesFrom(sender).size());
    }

    @Test
    void recipientLimitAndBadCommandsGetClearReplies(Relay relay) throws IOException {
        TestCredential credential = relay.newCredential();
        try (RawSmtpClient client = new RawSmtpClient(relay.submissionPort())) {
            client.login(credential.username(), credential.password());
            expect("501 5.5.4", client.command("MAIL FROM:no-brackets@example.org"));
            expect("555 5.5.4", client.command("MAIL FROM:<a@example.org> FOO=BAR"));
            expect("250", client.command("MAIL FROM:<>"));
            expect("553", client.command("RCPT TO:<>"));
            for (int i = 0; i < TestLimits.MAX_RECIPIENTS; i++) {
                expect("250", client.command("RCPT TO:<r" + i + "@example.net>"));
            }
            expect("452 4.5.3", client.command("RCPT TO:<one-too-many@example.net>"));
            expect("500 5.5.6", client.command("NOOP " + "x".repeat(5000)));
            expect("252 2.5.0", client.command("VRFY someone"));
            expect("250", client.command("RSET"));
        }
    }

    @Test
    void tooManyErrorsEndTheSession(Relay relay) throws IOException {
        try (RawSmtpClient client = new RawSmtpClient(relay.submissionPort())) {
            expect("220", client.reply());
            List<String> replies = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                replies.add(client.command("BOGUS " + i));
            }
            expect("421 4.7.0", client.reply());
            assertTrue(replies.stream().allMatch(reply -> reply.startsWith("500 5.5.2")), replies.toString());
            assertTrue(client.isClosedByServer());
        }
    }

    @Test
    void idleClientIsDisconnectedWith421(Relay relay) throws IOException {
        try (RawSmtpClient client = new RawSmtpClient(relay.submissionPort())) {
            expect("220", client.reply());
            long started = System.nanoTime();
            expect("421 4.4.2", client.reply());
            long waitedSeconds = (System.nanoTime() - started) / 1_000_000_000L;
            assertTrue(waitedSeconds >= TestLimits.IDLE_TIMEOUT_SECONDS - 1, "closed after " + waitedSeconds + " s");
        }
    }

    @Test
    void connectionsOverTheLimitAreTurnedAwayWith421(Relay relay) throws IOException {
        List<RawSmtpClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < TestLimits.MAX_CONNECTIONS; i++) {
                RawSmtpClient client = new RawSmtpClient(i % 2 == 0 ? relay.submissionPort() : relay.mtaPort());
                expect("220", client.reply());
                open.add(client);
            }
            try (RawSmtpClient extra = new RawSmtpClient(relay.submissionPort())) {
                expect("421 4.3.2", extra.reply());
            }
        } finally {
            for (RawSmtpClient client : open) {
                client.close();
            }
        }
        // Closing them frees the slots again.
        try (RawSmtpClient again = new RawSmtpClient(relay.submissionPort())) {
            String greeting = again.reply();
            for (int i = 0; i < 20 && !greeting.startsWith("220"); i++) {
                sleep();
                try (RawSmtpClient retry = new RawSmtpClient(relay.submissionPort())) {
                    greeting = retry.reply();
                }
            }
            expect("220", greeting);
        }
    }

    @Test
    void eightBitAndInternationalizedMailIsAccepted(Relay relay) throws IOException {
        TestCredential credential = relay.newCredential();
        String sender = "bjørn-" + Mails.uniqueSender();
        try (RawSmtpClient client = new RawSmtpClient(relay.submissionPort())) {
            client.login(credential.username(), credential.password());
            expect("553 5.6.7", client.command("MAIL FROM:<" + sender + ">"));
            expect("250", client.command("MAIL FROM:<" + sender + "> BODY=8BITMIME SMTPUTF8"));
            expect("250", client.command("RCPT TO:<josé@exämple.net>"));
            expect("354", client.command("DATA"));
            client.write("Subject: =?UTF-8?Q?gr=C3=BC=C3=9Fe?=\r\n\r\nGrüße aus Köln\r\n.\r\n".getBytes(StandardCharsets.UTF_8));
            String queued = client.reply();
            expect("250", queued);
            assertFalse(relay.message(Mails.queuedId(queued)).getJsonArray("recipients").isEmpty());
            assertTrue(relay.message(Mails.queuedId(queued)).getBoolean("smtpUtf8"));
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
