package org.smtpeter.intake.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smtpeter.testing.Mails;
import org.smtpeter.testing.RawSmtpClient;
import org.smtpeter.testing.Relay;
import org.smtpeter.testing.RelayExtension;
import org.smtpeter.testing.TestCredential;
import org.smtpeter.testing.TestLimits;

/**
 * Clients that hold a connection by being slow on purpose: one that never reads its replies,
 * one that trickles message data to stay just inside the idle timeout. The test relay's idle
 * timeout is {@link TestLimits#IDLE_TIMEOUT_SECONDS}; production's 300 s works the same way.
 */
@ExtendWith(RelayExtension.class)
class SlowClientsIT {

    @Test
    void aClientThatPipelinesAndNeverReadsIsCutOff(Relay relay) throws IOException {
        try (Socket client = new Socket()) {
            client.setReceiveBufferSize(1024); // the replies pile up in the relay's send buffer
            client.connect(new InetSocketAddress("127.0.0.1", relay.submissionPort()));
            OutputStream out = client.getOutputStream();
            byte[] help = "HELP\r\n".repeat(1000).getBytes(StandardCharsets.US_ASCII);
            // Writing blocks once the relay is stuck writing its replies; it fails once the relay closes.
            assertTimeoutPreemptively(Duration.ofSeconds(4L * TestLimits.IDLE_TIMEOUT_SECONDS + 30),
                    () -> assertThrows(IOException.class, () -> {
                        while (true) {
                            out.write(help);
                        }
                    }));
        }
        // The relay is fine and its slot is free again.
        TestCredential credential = relay.newCredential();
        String sender = Mails.uniqueSender();
        relay.submit(credential, sender, Mails.simple(sender, "b@example.net", "after a stuck client"), "b@example.net");
        assertEquals(1, relay.messagesFrom(sender).size());
    }

    @Test
    void oneOctetAtATimeDoesNotKeepDataOpen(Relay relay) throws Exception {
        TestCredential credential = relay.newCredential();
        String sender = Mails.uniqueSender();
        try (RawSmtpClient client = new RawSmtpClient(relay.submissionPort())) {
            client.login(credential.username(), credential.password());
            client.startData(sender, "b@example.net");
            // Two octets, the second well inside the idle timeout: silence alone would not end this yet,
            // but two octets in that time are far below the minimum data rate.
            client.write("x");
            Thread.sleep((TestLimits.IDLE_TIMEOUT_SECONDS - 2) * 1000L);
            client.write("x");
            assertEquals("421 4.4.2 Message data arriving too slowly; closing connection", client.reply());
        }
        assertEquals(0, relay.messagesFrom(sender).size());
    }
}
