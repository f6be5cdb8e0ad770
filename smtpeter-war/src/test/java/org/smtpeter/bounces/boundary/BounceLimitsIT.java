package org.smtpeter.bounces.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.smtpeter.bounces.boundary.BouncePath.WAIT;
import static org.smtpeter.bounces.boundary.BouncePath.awaitState;
import static org.smtpeter.bounces.boundary.BouncePath.bounces;
import static org.smtpeter.bounces.boundary.BouncePath.unique;
import static org.smtpeter.testing.RawSmtpClient.expect;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smtpeter.testing.Mails;
import org.smtpeter.testing.RawSmtpClient;
import org.smtpeter.testing.Relay;
import org.smtpeter.testing.SmtpSink;

/**
 * Limits of the bounce path that need settings of their own: a short address lifetime, small
 * shares per client, and bare line ends refused ({@code smtpeter.limits.bare-line-feeds=reject}).
 * Each test writes from its own loopback address, so their counts stay apart.
 */
class BounceLimitsIT {

    private static final Duration LIFETIME = Duration.ofDays(30);

    private static SmtpSink sink;
    private static Relay relay;

    @BeforeAll
    static void startRelayWithSmallLimits() throws Exception {
        sink = new SmtpSink();
        relay = Relay.start("bounce-limits", sink, Map.of(
                "smtpeter.delivery.smarthost", "127.0.0.1:" + sink.port(),
                "smtpeter.delivery.poll-interval-millis", "200",
                "smtpeter.bounces.address-lifetime", LIFETIME.toString(),
                "smtpeter.bounces.rate.per-client", "3",
                "smtpeter.bounces.rate.forwards-per-client", "1",
                "smtpeter.limits.bare-line-feeds", "reject"));
    }

    @AfterAll
    static void stop() throws Exception {
        relay.close();
    }

    @Test
    void anAddressIsRefusedOnceItsLifetimeAfterTheDeliveryHasPassed() throws Exception {
        BouncePath.Sent sent = BouncePath.sent(relay, "expires", "expires");
        String verp = sent.verp();
        Instant delivered = Instant.parse(awaitState(relay, sent.id(), "delivered").getString("finishedAt"));

        expect("250", rcpt("127.0.0.51", verp));
        relay.server().clockOffset(Duration.between(Instant.now(), delivered.plus(LIFETIME)).plusSeconds(1));
        assertEquals("550 5.1.1 Bounce address expired: it no longer accepts mail", rcpt("127.0.0.51", verp));
    }

    @Test
    void aClientMayWriteToBounceAddressesOnlySoOften() throws Exception {
        String verp = BouncePath.sent(relay, "client", "per client").verp();

        try (RawSmtpClient mta = BouncePath.mta(relay, "127.0.0.52")) {
            for (int i = 0; i < 3; i++) {
                expect("250", mta.command("MAIL FROM:<>"));
                expect("250", mta.command("RCPT TO:<" + verp + ">"));
                expect("250", mta.command("RSET"));
            }
            expect("250", mta.command("MAIL FROM:<>"));
            assertEquals("450 4.7.1 Too much mail to bounce addresses from your address; try again later",
                    mta.command("RCPT TO:<" + verp + ">"));
        }
        expect("250", rcpt("127.0.0.53", verp));
    }

    @Test
    void aClientHasAShareOfForwardsAcrossAddresses() throws Exception {
        String sender = Mails.uniqueSender();
        String first = unique("first");
        String second = unique("second");
        String id = relay.submit(sender, Mails.simple(sender, first, "two tokens"), first, second);
        String firstVerp = sink.awaitFor(first, WAIT).mailFrom();
        String secondVerp = sink.awaitFor(second, WAIT).mailFrom();

        expect("250", BouncePath.send(relay, "127.0.0.54", firstVerp, BounceAddressAbuseIT.phishing()));
        expect("250", BouncePath.send(relay, "127.0.0.54", secondVerp, BounceAddressAbuseIT.phishing()));

        JsonArray recorded = bounces(relay, id);
        assertEquals(2, recorded.size(), recorded.toString());
        assertEquals(java.util.List.of("forwarded", "over-limit"), recorded.stream().map(JsonObject.class::cast)
                .map(b -> b.getString("forwarding")).sorted().toList());
    }

    @Test
    void aBounceWithDamagedLineEndsIsTakenWhereOtherMailWithThemIsRefused() throws Exception {
        BouncePath.Sent sent = BouncePath.sent(relay, "damaged", "damaged line ends");
        String damaged = "From: Mail Delivery System <MAILER-DAEMON@mx.remote.example>\r\r\n"
                + "Subject: Undelivered Mail Returned to Sender\r\r\n\r\n"
                + "This is the mail system at host mx.remote.example.\r\r\n\r\n"
                + "<" + sent.recipient() + ">: host mx.remote.example said: 550 5.1.1 User unknown\r\n";
        expect("250", BouncePath.send(relay, "127.0.0.55", sent.verp(), damaged));
        JsonArray recorded = bounces(relay, sent.id());
        assertEquals(1, recorded.size(), recorded.toString());
        assertEquals("userunknown", recorded.getJsonObject(0).getString("category"));

        String sender = Mails.uniqueSender();
        try (RawSmtpClient client = new RawSmtpClient(relay.submissionPort())) {
            org.smtpeter.testing.TestCredential credential = relay.newCredential();
            client.login(credential.username(), credential.password());
            client.startData(sender, unique("strict"));
            client.write(Mails.dotStuffed(damaged.replace(sent.recipient(), "someone@remote.example")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertEquals("554", client.command(".").substring(0, 3), "submitted mail keeps the strict policy");
        }
    }

    /** A transaction up to RCPT to a bounce address, from {@code localAddress}; the reply to RCPT. */
    private static String rcpt(String localAddress, String verp) throws IOException {
        try (RawSmtpClient mta = BouncePath.mta(relay, localAddress)) {
            expect("250", mta.command("MAIL FROM:<>"));
            return mta.command("RCPT TO:<" + verp + ">");
        }
    }
}
