package org.smtpeter.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smtpeter.testing.Mails;
import org.smtpeter.testing.Relay;
import org.smtpeter.testing.RelayExtension;
import org.smtpeter.testing.TestCredential;

/**
 * The product's acceptance checks with swaks, the SMTP test tool operators use. CI installs
 * swaks (with IO::Socket::SSL for TLS); where it is missing, these tests are skipped.
 */
@ExtendWith(RelayExtension.class)
class SwaksIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final Pattern QUEUED = Pattern.compile("250 2\\.0\\.0 OK: queued as (\\S+)");

    @BeforeAll
    static void swaksIsInstalled() {
        Assumptions.assumeTrue(ExternalProcess.onPath("swaks").isPresent(), "swaks is not on the PATH");
    }

    @Test
    void startTlsWithAuthLoginIsQueued(Relay relay) throws Exception {
        TestCredential credential = relay.newCredential();
        String sender = Mails.uniqueSender();

        ExternalProcess.Result swaks = swaks("--to", "someone@example.net",
                "--server", "127.0.0.1:" + relay.submissionPort(), "--tls",
                "--auth", "LOGIN", "--auth-user", credential.username(), "--auth-password", credential.password(),
                "--from", sender);

        assertEquals(0, swaks.exitCode(), swaks.toString());
        assertTrue(swaks.output().contains("250 2.0.0 OK: queued as"), swaks.toString());
        assertTrue(swaks.output().contains("235 2.7.0"), "AUTH LOGIN should succeed\n" + swaks);
        String id = queuedId(swaks);
        JsonObject message = relay.message(id);
        assertEquals(sender, message.getString("sender"));
        assertEquals(credential.username(), message.getString("credential"));
        assertEquals("submission", message.getString("listener"));
        assertTrue(message.getString("tlsProtocol").startsWith("TLSv1."), message.toString());
        assertEquals("someone@example.net",
                message.getJsonArray("recipients").getJsonObject(0).getString("address"));
        assertEquals(1, message.getJsonArray("recipients").size());
        String raw = new String(relay.rawMessage(id), StandardCharsets.UTF_8);
        assertTrue(raw.contains("X-Mailer: swaks"), "the stored message is the one swaks composed:\n" + raw);
        assertTrue(raw.contains("From: " + sender), raw);
        assertEquals(List.of(id), relay.messagesFrom(sender).getValuesAs(JsonObject.class).stream()
                .map(m -> m.getString("id")).toList());
    }

    @Test
    void withoutAuthTheRecipientIsRefusedWith530(Relay relay) throws Exception {
        String sender = Mails.uniqueSender();

        ExternalProcess.Result swaks = swaks("--to", "someone@example.net",
                "--server", "127.0.0.1:" + relay.submissionPort(), "--tls", "--from", sender);

        assertNotEquals(0, swaks.exitCode(), swaks.toString());
        assertEquals(24, swaks.exitCode(), "swaks exit code 24 means: error in RCPT TO\n" + swaks);
        assertTrue(swaks.output().contains("530 5.7.0"), swaks.toString());
        assertFalse(swaks.output().contains("queued as"), swaks.toString());
        assertEquals(0, relay.messagesFrom(sender).size());
    }

    @Test
    void tlsOnConnectToTheSmtpsPortWithAuthPlain(Relay relay) throws Exception {
        TestCredential credential = relay.newCredential();
        String sender = Mails.uniqueSender();

        ExternalProcess.Result swaks = swaks("--to", "someone@example.net",
                "--server", "127.0.0.1:" + relay.smtpsPort(), "--tls-on-connect",
                "--auth", "PLAIN", "--auth-user", credential.username(), "--auth-password", credential.password(),
                "--from", sender);

        assertEquals(0, swaks.exitCode(), swaks.toString());
        assertTrue(swaks.output().contains("AUTH PLAIN"), swaks.toString());
        assertTrue(swaks.output().contains("235 2.7.0"), swaks.toString());
        assertFalse(swaks.output().contains("STARTTLS"), "implicit TLS needs no STARTTLS\n" + swaks);
        JsonObject message = relay.message(queuedId(swaks));
        assertEquals("smtps", message.getString("listener"));
        assertEquals(credential.username(), message.getString("credential"));
        assertEquals(sender, message.getString("sender"));
        assertTrue(message.getString("tlsProtocol").startsWith("TLSv1."), message.toString());
    }

    private static ExternalProcess.Result swaks(String... arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add("swaks");
        command.addAll(List.of(arguments));
        ExternalProcess.Result result = ExternalProcess.run(TIMEOUT, command);
        if (result.output().contains("TLS not available")
                || result.output().contains("requires IO::Socket::SSL")
                || result.output().contains("requires Net::SSLeay")) {
            throw new AssertionError("this swaks cannot do TLS; install IO::Socket::SSL "
                    + "(Debian/Ubuntu: libio-socket-ssl-perl) and check 'swaks --support tls'\n" + result);
        }
        return result;
    }

    private static String queuedId(ExternalProcess.Result swaks) {
        Matcher matcher = QUEUED.matcher(swaks.output());
        assertTrue(matcher.find(), "no queued reply in\n" + swaks);
        String id = matcher.group(1);
        assertFalse(matcher.find(), "more than one queued reply in\n" + swaks);
        return id;
    }
}
