package org.smtpeter.intake.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.smtpeter.testing.RawSmtpClient.expect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smtpeter.testing.Mails;
import org.smtpeter.testing.RawSmtpClient;
import org.smtpeter.testing.Relay;
import org.smtpeter.testing.RelayExtension;
import org.smtpeter.testing.TestCredential;

/** A 250 after DATA is a promise: the message must survive the server being killed right after it. */
@ExtendWith(RelayExtension.class)
class CrashSafetyIT {

    @Test
    void everyAcknowledgedMessageSurvivesKillMinusNine(Relay relay) throws Exception {
        TestCredential credential = relay.newCredential();
        String sender = Mails.uniqueSender();
        Map<String, byte[]> acknowledged = new LinkedHashMap<>();
        String unfinishedSender = Mails.uniqueSender();

        try (RawSmtpClient client = new RawSmtpClient(relay.submissionPort());
             RawSmtpClient unfinished = new RawSmtpClient(relay.submissionPort())) {
            client.login(credential.username(), credential.password());
            for (int i = 0; i < 5; i++) {
                byte[] raw = Mails.ofSize(sender, "a@example.net", 20_000 + i);
                expect("250", client.command("MAIL FROM:<" + sender + ">"));
                expect("250", client.command("RCPT TO:<a@example.net>"));
                expect("354", client.command("DATA"));
                client.write(raw);
                String reply = client.command(".");
                acknowledged.put(Mails.queuedId(reply), raw);
            }
            // A second client is in the middle of DATA when the server dies.
            unfinished.login(credential.username(), credential.password());
            expect("250", unfinished.command("MAIL FROM:<" + unfinishedSender + ">"));
            expect("250", unfinished.command("RCPT TO:<a@example.net>"));
            expect("354", unfinished.command("DATA"));
            unfinished.write("Subject: never finished\r\n\r\nhalf");

            relay.server().kill();
        }
        relay.server().start();

        for (Map.Entry<String, byte[]> message : acknowledged.entrySet()) {
            assertArrayEquals(message.getValue(), relay.rawMessage(message.getKey()), "message " + message.getKey());
        }
        assertEquals(5, relay.messagesFrom(sender).size());
        assertEquals(0, relay.messagesFrom(unfinishedSender).size());
    }
}
