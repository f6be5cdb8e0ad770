package org.smtpeter.ear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;

import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smtpeter.testing.Mails;
import org.smtpeter.testing.SmtpSink;

/**
 * The JMS flows on Payara Server's built-in broker, seen from another system in the test JVM:
 * a subscriber of the event topic gets the events of mail sent over SMTP, selected by account,
 * and mail put on the submission queue is delivered, with its outcome on the topic.
 */
@ExtendWith(EarDeploymentExtension.class)
class JmsFlowsIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TOPIC = "smtpeter.events";
    private static final String QUEUE = "smtpeter.submissions";

    /** An event as a subscriber sees it: the selector properties and the JSON body. */
    private record Event(String type, String account, String credential, String messageId, JsonObject json) {

        static Event of(Message message) throws JMSException {
            JsonObject json = Json.createReader(new StringReader(((TextMessage) message).getText())).readObject();
            return new Event(message.getStringProperty("eventType"), message.getStringProperty("account"),
                    message.getStringProperty("credential"), message.getStringProperty("messageId"), json);
        }
    }

    @Test
    void aSubscriberGetsTheEventsOfMailSentOverSmtp(EarDeployment relay) throws Exception {
        String account = "jms-events-" + UUID.randomUUID();
        JsonObject credential = newCredential(relay, account);
        // The sink answers 450 once: the message is deferred before it is delivered.
        String recipient = "tempfail-once-" + UUID.randomUUID() + "@example.net";
        String sender = Mails.uniqueSender();

        try (OpenMqClient mq = relay.openMq();
             JMSConsumer events = subscribe(mq, "account = '" + account + "'")) {
            String id = sendOverSmtp(relay.startTlsSession(), credential, Mails.simple(sender, recipient, "events"), recipient);

            List<Event> received = receiveUntil(events, "delivered");

            assertEquals(List.of("accepted", "deferred", "delivered"), received.stream().map(Event::type).toList());
            for (Event event : received) {
                assertEquals(account, event.account());
                assertEquals(credential.getString("username"), event.credential());
                assertEquals(id, event.messageId());
                assertEquals(event.type(), event.json().getString("type"));
                assertEquals(id, event.json().getString("messageId"));
            }
            JsonObject accepted = received.get(0).json();
            assertEquals(recipient, accepted.getJsonArray("recipients").getString(0));
            assertEquals("submission", accepted.getString("listener"));
            JsonObject deferred = received.get(1).json();
            assertEquals(450, deferred.getInt("code"));
            assertEquals(recipient, deferred.getString("recipient"));
            assertTrue(deferred.containsKey("nextAttemptAt"), deferred.toString());
            assertEquals(250, received.get(2).json().getInt("code"));
        }
    }

    @Test
    void mailSubmittedToTheQueueIsDeliveredAndAnnounced(EarDeployment relay) throws Exception {
        JsonObject credential = newJmsCredential(relay, "jms-submission-" + UUID.randomUUID());
        String user = credential.getString("username");
        String sender = Mails.uniqueSender();
        String recipient = "jms-" + UUID.randomUUID() + "@example.net";
        String correlation = "order-" + UUID.randomUUID();
        // Bare LF line ends, as Java programs tend to write them: the relay makes them CRLF.
        byte[] mime = ("From: " + sender + "\nTo: " + recipient + "\nSubject: by JMS\n\nSubmitted over JMS.\n")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        try (OpenMqClient mq = relay.openMq();
             JMSConsumer events = subscribe(mq, "credential = '" + user + "'")) {
            JMSContext jms = mq.context();
            BytesMessage submission = jms.createBytesMessage();
            submission.writeBytes(mime);
            submission.setStringProperty("credential", user);
            submission.setStringProperty("mailFrom", sender);
            submission.setStringProperty("rcptTo", recipient);
            submission.setJMSCorrelationID(correlation);
            jms.createProducer().send(jms.createQueue(QUEUE), submission);

            SmtpSink.Received delivered = relay.sink().awaitFor(recipient, WAIT);
            assertTrue(delivered.text().contains("Subject: by JMS\r\n"), delivered.text());
            assertTrue(delivered.text().contains("Submitted over JMS.\r\n"), delivered.text());
            assertTrue(delivered.text().contains("from queue smtpeter.submissions"), delivered.text());

            List<Event> received = receiveUntil(events, "delivered");
            assertEquals(List.of("accepted", "delivered"), received.stream().map(Event::type).toList());
            JsonObject accepted = received.get(0).json();
            assertEquals(correlation, accepted.getString("correlationId"));
            assertEquals("jms", accepted.getString("listener"));
            String id = accepted.getString("messageId");
            JsonObject stored = relay.api().object("/api/v1/messages/" + id);
            assertEquals(sender, stored.getString("sender"), stored.toString());
            assertEquals(user, stored.getString("credential"), stored.toString());
        }
    }

    @Test
    void eventsWaitInTheDatabaseWhileTheTopicIsGoneAndArriveWhenItIsBack(EarDeployment relay) throws Exception {
        String account = "jms-outage-" + UUID.randomUUID();
        JsonObject credential = newCredential(relay, account);
        String recipient = "outage-" + UUID.randomUUID() + "@example.net";
        String sender = Mails.uniqueSender();

        try (OpenMqClient mq = relay.openMq();
             JMSConsumer events = subscribe(mq, "account = '" + account + "'")) {
            // The operator removes the topic's resource: every publication now fails.
            relay.server().remote(Duration.ofMinutes(1), "delete-jms-resource", "jms/smtpeter/events");
            try {
                String id = sendOverSmtp(relay.startTlsSession(), credential,
                        Mails.simple(sender, recipient, "while the topic is gone"), recipient);
                relay.sink().awaitFor(recipient, WAIT);
                JsonObject outbox = awaitOutbox(relay, status -> status.getJsonNumber("waiting").longValue() >= 2
                        && status.getInt("mostAttempts") >= 1);
                assertTrue(outbox.getString("lastError").contains("jms/smtpeter/events"), outbox.toString());
                assertEquals(null, events.receiveNoWait(), "nothing can have been published");
                assertEquals("delivered", relay.api().array("/api/v1/deliveries?message=" + id)
                        .getJsonObject(0).getString("state"), "the mail went out all the same");
            } finally {
                relay.server().remote(Duration.ofMinutes(1), "create-jms-resource", "--restype=jakarta.jms.Topic",
                        "--property=Name=" + TOPIC, "jms/smtpeter/events");
            }

            List<Event> received = receiveUntil(events, "delivered");
            assertEquals(List.of("accepted", "delivered"), received.stream().map(Event::type).toList());
        }
    }

    @Test
    void recipientsThatAreNeverTriedAreAnnouncedAsFailed(EarDeployment relay) throws Exception {
        String account = "jms-not-sent-" + UUID.randomUUID();
        long accountId = relay.api().create("/api/v1/accounts", "{\"name\":\"" + account + "\"}")
                .getJsonNumber("id").longValue();
        JsonObject credential = relay.api().create("/api/v1/accounts/" + accountId + "/credentials", "{}");
        String suppressed = "suppressed-" + UUID.randomUUID() + "@example.net";
        relay.api().create("/api/v1/accounts/" + accountId + "/suppressions", "{\"address\":\"" + suppressed + "\"}");
        // The sink answers 450 to this one until released: it waits in the queue for the operator.
        String held = "hold-" + UUID.randomUUID() + "@example.net";
        String sender = Mails.uniqueSender();

        try (OpenMqClient mq = relay.openMq();
             JMSConsumer events = subscribe(mq, "account = '" + account + "' AND eventType IN ('accepted', 'failed')")) {
            String id = sendOverSmtp(relay.startTlsSession(), credential, Mails.simple(sender, suppressed, "not sent"),
                    suppressed, held);
            Event accepted = receiveUntil(events, "accepted").get(0);
            Event refused = receiveUntil(events, "failed").get(0);
            assertEquals(suppressed, refused.json().getString("recipient"));
            assertEquals("suppressed", refused.json().getString("reason"));

            long heldDelivery = relay.api().array("/api/v1/deliveries?message=" + id + "&recipient=" + held)
                    .getJsonObject(0).getJsonNumber("id").longValue();
            awaitState(relay, heldDelivery, "deferred");
            relay.api().act("/api/v1/deliveries/" + heldDelivery + "/cancel");
            Event cancelled = receiveUntil(events, "failed").get(0);
            assertEquals(held, cancelled.json().getString("recipient"));
            assertEquals("cancelled", cancelled.json().getString("reason"));
            assertEquals(id, accepted.messageId());
            assertEquals(id, cancelled.messageId());
        }
    }

    @Test
    void aSubmissionThatCannotBeAcceptedIsRejectedOnTheTopic(EarDeployment relay) throws Exception {
        String correlation = "bad-" + UUID.randomUUID();
        try (OpenMqClient mq = relay.openMq();
             JMSConsumer rejections = subscribe(mq, "eventType = 'rejected'")) {
            JMSContext jms = mq.context();
            TextMessage submission = jms.createTextMessage("Subject: nobody sends this\r\n\r\nbody\r\n");
            submission.setStringProperty("credential", "no-such-user-" + UUID.randomUUID());
            submission.setStringProperty("mailFrom", "app@example.com");
            submission.setStringProperty("rcptTo", "someone@example.net");
            submission.setJMSCorrelationID(correlation);
            jms.createProducer().send(jms.createQueue(QUEUE), submission);

            Event rejected = receive(rejections, event -> correlation.equals(event.json().getString("correlationId", null)));
            assertTrue(rejected.json().getString("reason").startsWith("no enabled SMTP credential"), rejected.json().toString());
        }
    }

    /** Whoever can write to the queue names a credential that exists but was not switched on for JMS: nothing is sent. */
    @Test
    void aCredentialWithoutJmsSubmissionCannotBeSentAsOverTheQueue(EarDeployment relay) throws Exception {
        JsonObject credential = newCredential(relay, "jms-not-allowed-" + UUID.randomUUID());
        String user = credential.getString("username");
        assertFalse(credential.getBoolean("jmsSubmission"), "off by default: " + credential);
        String sender = Mails.uniqueSender();
        String recipient = "not-allowed-" + UUID.randomUUID() + "@example.net";
        String correlation = "spoofed-" + UUID.randomUUID();
        try (OpenMqClient mq = relay.openMq();
             JMSConsumer events = subscribe(mq, "credential = '" + user + "'")) {
            JMSContext jms = mq.context();
            TextMessage submission = jms.createTextMessage("Subject: sent as someone else\r\n\r\nbody\r\n");
            submission.setStringProperty("credential", user);
            submission.setStringProperty("mailFrom", sender);
            submission.setStringProperty("rcptTo", recipient);
            submission.setJMSCorrelationID(correlation);
            jms.createProducer().send(jms.createQueue(QUEUE), submission);

            Event rejected = receive(events, event -> correlation.equals(event.json().getString("correlationId", null)));
            assertEquals("rejected", rejected.type());
            assertEquals(user, rejected.credential());
            assertTrue(rejected.json().getString("reason").contains("does not allow JMS submission"),
                    rejected.json().toString());
        }
        assertEquals(0, relay.api().array("/api/v1/messages?sender="
                + java.net.URLEncoder.encode(sender, java.nio.charset.StandardCharsets.UTF_8)).size(), "nothing was stored or sent");
    }

    private static void awaitState(EarDeployment relay, long delivery, String state) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String now = null;
        while (System.nanoTime() < deadline) {
            now = relay.api().object("/api/v1/deliveries/" + delivery).getString("state");
            if (state.equals(now)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("delivery " + delivery + " is " + now + ", not " + state);
    }

    private static JsonObject awaitOutbox(EarDeployment relay, Predicate<JsonObject> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonObject status = relay.api().object("/api/v1/events/outbox");
        while (!condition.test(status) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            status = relay.api().object("/api/v1/events/outbox");
        }
        assertTrue(condition.test(status), status.toString());
        return status;
    }

    /** A new account of that name with one SMTP credential (with its password). */
    private static JsonObject newCredential(EarDeployment relay, String accountName) {
        return newCredential(relay, accountName, "{\"description\":\"JMS test\"}");
    }

    /** As {@link #newCredential}, with JMS submission switched on for the credential. */
    private static JsonObject newJmsCredential(EarDeployment relay, String accountName) {
        return newCredential(relay, accountName, "{\"description\":\"JMS test\",\"jmsSubmission\":true}");
    }

    private static JsonObject newCredential(EarDeployment relay, String accountName, String json) {
        long account = relay.api().create("/api/v1/accounts", "{\"name\":\"" + accountName + "\"}")
                .getJsonNumber("id").longValue();
        return relay.api().create("/api/v1/accounts/" + account + "/credentials", json);
    }

    /** A subscriber of the event topic that sees only what the selector picks (JMS message selector syntax). */
    private static JMSConsumer subscribe(OpenMqClient mq, String selector) {
        return mq.context().createConsumer(mq.context().createTopic(TOPIC), selector);
    }

    /** Collects events, in order, up to and including the first of type {@code last}. */
    private static List<Event> receiveUntil(JMSConsumer consumer, String last) throws JMSException {
        return receiveUntil(consumer, event -> last.equals(event.type()));
    }

    /** The first event that is wanted, skipping others. */
    private static Event receive(JMSConsumer consumer, Predicate<Event> wanted) throws JMSException {
        List<Event> received = receiveUntil(consumer, wanted);
        return received.get(received.size() - 1);
    }

    private static List<Event> receiveUntil(JMSConsumer consumer, Predicate<Event> last) throws JMSException {
        List<Event> events = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Message message = consumer.receive(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            if (message == null) {
                break;
            }
            Event event = Event.of(message);
            events.add(event);
            if (last.test(event)) {
                return events;
            }
        }
        throw new AssertionError("not the awaited event within " + WAIT + "; got " + events);
    }

    private static String sendOverSmtp(Session session, JsonObject credential, byte[] raw, String... recipients)
            throws Exception {
        try (SMTPTransport transport = (SMTPTransport) session.getTransport("smtp")) {
            transport.connect(credential.getString("username"), credential.getString("password"));
            Address[] to = new Address[recipients.length];
            for (int i = 0; i < recipients.length; i++) {
                to[i] = new InternetAddress(recipients[i]);
            }
            transport.sendMessage(Mails.parse(session, raw), to);
            String reply = transport.getLastServerResponse();
            assertNotNull(reply);
            return Mails.queuedId(reply);
        }
    }
}
