package org.smtpeter.intake.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Properties;

import jakarta.json.JsonObject;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
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

/** Submission with Jakarta Mail (Angus), the client most Jakarta EE applications use. */
@ExtendWith(RelayExtension.class)
class SubmissionIT {

    @Test
    void startTlsWithAuthPlainStoresTheMessageByteForByte(Relay relay) throws Exception {
        TestCredential credential = relay.newCredential();
        Session session = relay.startTlsSession(credential);
        session.getProperties().put("mail.smtp.auth.mechanisms", "PLAIN");
        String sender = Mails.uniqueSender();
        byte[] raw = Mails.simple(sender, "someone@example.net", "STARTTLS and PLAIN");

        String id = send(session, credential, sender, raw, "someone@example.net");

        assertArrayEquals(wireBytes(session, raw), relay.rawMessage(id), "stored bytes differ from sent bytes");
        JsonObject message = relay.message(id);
        assertEquals(sender, message.getString("sender"));
        assertEquals(credential.username(), message.getString("credential"));
        assertEquals("submission", message.getString("listener"));
        assertTrue(message.getString("tlsProtocol").startsWith("TLSv1."));
        assertEquals("someone@example.net", message.getJsonArray("recipients").getJsonObject(0).getString("address"));
    }

    @Test
    void implicitTlsWithAuthLogin(Relay relay) throws Exception {
        TestCredential credential = relay.newCredential();
        Session session = relay.implicitTlsSession();
        session.getProperties().put("mail.smtps.auth.mechanisms", "LOGIN");
        String sender = Mails.uniqueSender();
        byte[] raw = Mails.simple(sender, "a@example.net", "implicit TLS and LOGIN");

        String id = send(session, credential, sender, raw, "a@example.net", "b@example.com");

        assertArrayEquals(wireBytes(session, raw), relay.rawMessage(id));
        JsonObject message = relay.message(id);
        assertEquals("smtps", message.getString("listener"));
        assertEquals(2, message.getJsonArray("recipients").size());
    }

    @Test
    void portTwentyFiveRoleAcceptsAuthenticatedSubmission(Relay relay) throws Exception {
        TestCredential credential = relay.newCredential();
        Session session = relay.startTlsSession(credential);
        session.getProperties().put("mail.smtp.port", String.valueOf(relay.mtaPort()));
        String sender = Mails.uniqueSender();

        String id = send(session, credential, sender, Mails.simple(sender, "x@example.net", "mta role"), "x@example.net");

        assertEquals("mta", relay.message(id).getString("listener"));
    }

    @Test
    void wrongPasswordIsRefusedAndNothingIsStored(Relay relay) throws Exception {
        TestCredential credential = relay.newCredential();
        Session session = relay.startTlsSession(credential);
        session.getProperties().put("mail.smtp.localaddress", "127.0.0.11"); // keep the AUTH throttle away from other tests
        String sender = Mails.uniqueSender();
        TestCredential wrong = new TestCredential(credential.accountId(), credential.username(), credential.password() + "x");

        assertThrows(AuthenticationFailedException.class,
                () -> send(session, wrong, sender, Mails.simple(sender, "x@example.net", "bad password"), "x@example.net"));
        TestCredential unknown = new TestCredential(0, "smtp-nosuchuser", "whatever");
        assertThrows(AuthenticationFailedException.class,
                () -> send(session, unknown, sender, Mails.simple(sender, "x@example.net", "unknown user"), "x@example.net"));
        assertEquals(0, relay.messagesFrom(sender).size());
    }

    @Test
    void relayWithoutAuthIsRefused(Relay relay) throws Exception {
        Session session = relay.startTlsSession(null);
        String sender = Mails.uniqueSender();
        MimeMessage message = Mails.parse(session, Mails.simple(sender, "victim@example.net", "open relay?"));
        try (SMTPTransport transport = (SMTPTransport) session.getTransport()) {
            transport.connect();
            SendFailedException refused = assertThrows(SendFailedException.class,
                    () -> transport.sendMessage(message, new Address[] {new InternetAddress("victim@example.net")}));
            assertTrue(String.valueOf(refused.getNextException()).contains("530 5.7.0"), refused.toString());
        }
        assertEquals(0, relay.messagesFrom(sender).size());
    }

    @Test
    void repeatedAuthFailuresFromOneAddressAreThrottledAcrossConnections(Relay relay) throws Exception {
        TestCredential credential = relay.newCredential();
        Session session = relay.startTlsSession(credential);
        session.getProperties().put("mail.smtp.localaddress", "127.0.0.12");
        TestCredential wrong = new TestCredential(credential.accountId(), credential.username(), "not-the-password");
        for (int attempt = 0; attempt < 3; attempt++) {
            try (SMTPTransport transport = (SMTPTransport) session.getTransport()) {
                assertThrows(AuthenticationFailedException.class,
                        () -> transport.connect(wrong.username(), wrong.password()));
            }
        }
        // Even the right password is refused now, from this address, with 421 4.7.0.
        try (SMTPTransport transport = (SMTPTransport) session.getTransport()) {
            MessagingException throttled = assertThrows(MessagingException.class,
                    () -> transport.connect(credential.username(), credential.password()));
            assertTrue(throttled.getMessage().contains("4.7.0") || String.valueOf(transport.getLastServerResponse()).startsWith("421"),
                    throttled + " / " + transport.getLastServerResponse());
        }
        // Another address is not affected.
        session.getProperties().put("mail.smtp.localaddress", "127.0.0.13");
        try (SMTPTransport transport = (SMTPTransport) session.getTransport()) {
            transport.connect(credential.username(), credential.password());
            assertTrue(transport.isConnected());
        }
    }

    /** Sends raw bytes unchanged (no saveChanges) and returns the public id from the 250 reply. */
    static String send(Session session, TestCredential credential, String sender, byte[] raw, String... recipients)
            throws MessagingException {
        MimeMessage message = Mails.parse(session, raw);
        Properties props = session.getProperties();
        props.put("mail.smtp.from", sender);
        props.put("mail.smtps.from", sender);
        try (SMTPTransport transport = (SMTPTransport) session.getTransport()) {
            transport.connect(credential.username(), credential.password());
            Address[] to = new Address[recipients.length];
            for (int i = 0; i < recipients.length; i++) {
                to[i] = new InternetAddress(recipients[i]);
            }
            transport.sendMessage(message, to);
            return Mails.queuedId(transport.getLastServerResponse());
        }
    }

    /** The bytes Jakarta Mail puts on the wire for a parsed, unmodified message. */
    static byte[] wireBytes(Session session, byte[] raw) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Mails.parse(session, raw).writeTo(out);
        return out.toByteArray();
    }
}
