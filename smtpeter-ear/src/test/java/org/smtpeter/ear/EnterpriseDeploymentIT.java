package org.smtpeter.ear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smtpeter.testing.Mails;
import org.smtpeter.testing.SmtpSink;

/**
 * The EAR on a full Payara Server 6, configured only by server-config/server/ (see
 * {@link EarDeployment}): the adapter inside the EAR is found as smtpeter-ear#smtpeter-rar, mail
 * comes in over STARTTLS with AUTH, is stored in PostgreSQL and goes out to the smart host, and the
 * domain's JMS broker is reachable from outside.
 */
@ExtendWith(EarDeploymentExtension.class)
class EnterpriseDeploymentIT {

    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(60);

    @Test
    void acceptsMailOverStartTlsWithAuthStoresItAndRelaysItToTheSmartHost(EarDeployment relay) throws Exception {
        RelayApi api = relay.api();
        long account = api.create("/api/v1/accounts", "{\"name\":\"ear-" + UUID.randomUUID() + "\"}")
                .getJsonNumber("id").longValue();
        JsonObject credential = api.create("/api/v1/accounts/" + account + "/credentials",
                "{\"description\":\"EAR integration test\"}");
        String sender = Mails.uniqueSender();
        String recipient = "ear-" + UUID.randomUUID() + "@example.net";
        String subject = "EAR on Payara Server " + UUID.randomUUID();

        String id = send(relay.startTlsSession(), credential.getString("username"), credential.getString("password"),
                Mails.simple(sender, recipient, subject), recipient);

        JsonObject stored = api.object("/api/v1/messages/" + id);
        assertEquals(sender, stored.getString("sender"), stored.toString());
        assertEquals(subject, stored.getString("subject"), stored.toString());
        assertEquals(credential.getString("username"), stored.getString("credential"), stored.toString());

        SmtpSink.Received relayed = relay.sink().awaitFor(recipient, DELIVERY_TIMEOUT);
        assertTrue(relayed.text().contains("Subject: " + subject), relayed.text());
        // Bounce tracking is on by default: the envelope sender is on the bounce domain of 40-relay.asadmin.
        assertTrue(relayed.mailFrom().endsWith("@bounces.relay.test"), relayed.mailFrom());
        assertEquals("relay.test", relayed.heloName());
        assertEquals("delivered", awaitDeliveryState(api, id, "delivered"));
    }

    @Test
    void isReadyWithItsListenersAndTheDatabase(EarDeployment relay) {
        var ready = relay.get("/health/ready", null);
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("\"status\":\"UP\""), ready.body());
        assertTrue(ready.body().contains("submission:" + relay.submissionPort()), ready.body());
        assertTrue(ready.body().contains("\"database\""), ready.body());
        assertEquals(200, relay.get("/health/live", null).statusCode());
    }

    @Test
    void readsItsSecretsFromPasswordAliases(EarDeployment relay) throws Exception {
        // smtpeter.admin.token is only a password alias (password-aliases.sh), not a config property.
        assertEquals(200, relay.get("/api/v1/accounts?limit=1", relay.adminToken()).statusCode());
        assertEquals(401, relay.get("/api/v1/accounts?limit=1", "not-" + relay.adminToken()).statusCode());
        // The adapter made its development keystore with the password from the alias smtpeter.tls.keystore-password.
        KeyStore keystore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(relay.keystore())) {
            keystore.load(in, relay.keystorePassword().toCharArray());
        }
        assertTrue(keystore.size() > 0, "empty keystore " + relay.keystore());
    }

    @Test
    void servesTheDashboardLoginPage(EarDeployment relay) {
        var login = relay.get("/login.xhtml", null);
        assertEquals(200, login.statusCode(), login.body());
        assertTrue(login.body().contains("<form"), login.body());
    }

    @Test
    void runsTheAdapterOnItsOwnThreadPool(EarDeployment relay) throws IOException {
        String log = Files.readString(relay.server().serverLog(), StandardCharsets.UTF_8);
        // 20-adapter.asadmin: the adapter's work runs on smtpeter-adapter-threads, not on thread-pool-1.
        Pattern adapterOnOwnPool = Pattern.compile(
                "\\[org\\.smtpeter\\.smtp\\.[^\\]]*\\] \\[tid: _ThreadID=\\d+ _ThreadName=[^\\]]*smtpeter-adapter-threads");
        assertTrue(adapterOnOwnPool.matcher(log).find(), "no adapter log record from smtpeter-adapter-threads in "
                + relay.server().serverLog());
    }

    @Test
    void hasTheJmsResourcesAndABrokerThatCarriesMessages(EarDeployment relay) {
        String resources = relay.server().remote(Duration.ofMinutes(1), "list-jms-resources");
        for (String name : new String[] {"jms/smtpeter/ConnectionFactory", "jms/smtpeter/events", "jms/smtpeter/submissions"}) {
            assertTrue(resources.contains(name), resources);
        }
        String text = "scratch " + UUID.randomUUID();
        try (OpenMqClient mq = relay.openMq()) {
            mq.send("smtpeter.it.scratch", text);
            assertEquals(text, mq.receive("smtpeter.it.scratch", Duration.ofSeconds(30)));
        }
    }

    /** Submits with Jakarta Mail (STARTTLS required, AUTH) and returns the id from the 250 reply. */
    private static String send(Session session, String user, String password, byte[] raw, String recipient)
            throws MessagingException {
        MimeMessage message = Mails.parse(session, raw);
        try (SMTPTransport transport = (SMTPTransport) session.getTransport("smtp")) {
            transport.connect(user, password);
            transport.sendMessage(message, new Address[] {new InternetAddress(recipient)});
            return Mails.queuedId(transport.getLastServerResponse());
        }
    }

    private static String awaitDeliveryState(RelayApi api, String messageId, String wanted) throws InterruptedException {
        long deadline = System.nanoTime() + DELIVERY_TIMEOUT.toNanos();
        String state = null;
        while (System.nanoTime() < deadline) {
            JsonArray deliveries = api.array("/api/v1/deliveries?message=" + messageId);
            state = deliveries.isEmpty() ? null : deliveries.getJsonObject(0).getString("state");
            if (wanted.equals(state)) {
                return state;
            }
            Thread.sleep(200);
        }
        return state;
    }
}
