package org.smtpeter.intake.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smtpeter.testing.Mails;
import org.smtpeter.testing.Relay;
import org.smtpeter.testing.RelayExtension;
import org.smtpeter.testing.TestCredential;

/**
 * A quick figure, not a target: messages per second over one STARTTLS + AUTH connection with
 * 10 KB messages, each acknowledged only after it is committed. Printed and written to
 * target/benchmarks/; it asserts only that every message was stored.
 */
@ExtendWith(RelayExtension.class)
class SubmissionBenchmarkIT {

    private static final int WARM_UP = 50;
    private static final int MEASURED = 500;
    private static final int SIZE = 10 * 1024;

    @Test
    void messagesPerSecondOverOneConnection(Relay relay) throws Exception {
        TestCredential credential = relay.newCredential();
        Session session = relay.startTlsSession(credential);
        String sender = Mails.uniqueSender();
        session.getProperties().put("mail.smtp.from", sender);
        MimeMessage message = Mails.parse(session, Mails.ofSize(sender, "bench@example.net", SIZE));
        Address[] to = {new InternetAddress("bench@example.net")};

        double seconds;
        try (SMTPTransport transport = (SMTPTransport) session.getTransport()) {
            transport.connect(credential.username(), credential.password());
            for (int i = 0; i < WARM_UP; i++) {
                transport.sendMessage(message, to);
            }
            long started = System.nanoTime();
            for (int i = 0; i < MEASURED; i++) {
                transport.sendMessage(message, to);
            }
            seconds = (System.nanoTime() - started) / 1e9;
        }

        String figure = String.format(Locale.ROOT,
                "submission benchmark (%s): %d messages of %d KB over one STARTTLS+AUTH connection in %.2f s = %.0f messages/s",
                relay.server().database(), MEASURED, SIZE / 1024, seconds, MEASURED / seconds);
        System.out.println(figure);
        Path report = Path.of("target", "benchmarks", "submission-" + relay.server().database() + ".txt");
        Files.createDirectories(report.getParent());
        Files.writeString(report, figure + System.lineSeparator());
        assertEquals(WARM_UP + MEASURED, relay.countMessagesFrom(sender));
    }
}
