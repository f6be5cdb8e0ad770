package org.smtpeter.bounces.boundary;

import static org.smtpeter.testing.RawSmtpClient.expect;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.smtpeter.testing.Mails;
import org.smtpeter.testing.RawSmtpClient;
import org.smtpeter.testing.Relay;

/** The bounce path as a remote MTA and an operator see it: the port-25 role without AUTH, and the REST API. */
final class BouncePath {

    static final Duration WAIT = Duration.ofSeconds(30);

    private BouncePath() {
    }

    /** A message the relay delivered to {@code recipient}, with that copy's bounce address. */
    record Sent(String id, String sender, String recipient, String verp) {
    }

    /** Submits a message to a new recipient and waits until its copy has left with its bounce address. */
    static Sent sent(Relay relay, String recipientPrefix, String subject) throws IOException, InterruptedException {
        String sender = Mails.uniqueSender();
        String recipient = unique(recipientPrefix);
        String id = relay.submit(sender, Mails.simple(sender, recipient, subject), recipient);
        return new Sent(id, sender, recipient, relay.sink().awaitFor(recipient, WAIT).mailFrom());
    }

    /** A session on the port-25 role, greeted, as a remote MTA from {@code localAddress} (null: any) opens one. */
    static RawSmtpClient mta(Relay relay, String localAddress) throws IOException {
        RawSmtpClient mta = new RawSmtpClient(relay.mtaPort(), localAddress);
        expect("220", mta.reply());
        expect("250", mta.command("EHLO mx.remote.example"));
        return mta;
    }

    /** Sends {@code message} to a bounce address as a remote MTA would, and returns the reply to the final dot. */
    static String send(Relay relay, String verp, String message) throws IOException {
        return send(relay, null, verp, message);
    }

    /** The same from a chosen local address (127.0.0.x), for limits per client. */
    static String send(Relay relay, String localAddress, String verp, String message) throws IOException {
        try (RawSmtpClient mta = mta(relay, localAddress)) {
            expect("250", mta.command("MAIL FROM:<>"));
            expect("250", mta.command("RCPT TO:<" + verp + ">"));
            expect("354", mta.command("DATA"));
            mta.write(Mails.dotStuffed(message.getBytes(StandardCharsets.UTF_8)));
            return mta.command(".");
        }
    }

    /** What came back for a message, as the bounces log lists it. */
    static JsonArray bounces(Relay relay, String messageId) {
        return array(relay, "/api/v1/bounces?message=" + messageId);
    }

    static JsonObject awaitState(Relay relay, String messageId, String state) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonObject delivery = null;
        while (System.nanoTime() < deadline) {
            JsonArray deliveries = array(relay, "/api/v1/deliveries?message=" + messageId);
            delivery = deliveries.isEmpty() ? null : deliveries.getJsonObject(0);
            if (delivery != null && state.equals(delivery.getString("state"))) {
                return delivery;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("delivery of " + messageId + " never became " + state + ": " + delivery);
    }

    static JsonArray array(Relay relay, String path) {
        return Json.createReader(new StringReader(relay.get(path, 200).body())).readArray();
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.net";
    }
}
