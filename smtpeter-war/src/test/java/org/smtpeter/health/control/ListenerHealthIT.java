package org.smtpeter.health.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.smtpeter.testing.PayaraMicro;

/**
 * An SMTP port that another process holds when the relay starts: the application still deploys,
 * liveness and readiness answer 503 and name the port, and once the port is free the listener
 * binds it by itself and both turn UP.
 */
class ListenerHealthIT {

    private static final Duration BIND_RETRY = Duration.ofSeconds(2);

    @Test
    void aTakenPortIsDownUntilTheListenerCanBindIt() throws Exception {
        PayaraMicro micro = new PayaraMicro("health-port-taken",
                Map.of("smtpeter.listeners.bind-retry-seconds", String.valueOf(BIND_RETRY.toSeconds())));
        String taken = "mta:" + micro.mtaPort();
        ServerSocket squatter = new ServerSocket(micro.mtaPort(), 50, InetAddress.getByName("127.0.0.1"));
        try {
            micro.start();
            Health health = new Health(micro.httpPort());

            Health.Answer live = health.live();
            assertEquals(503, live.status(), live::toString);
            assertEquals("DOWN", live.overall());
            JsonObject listeners = live.check("smtp-listeners");
            assertEquals("DOWN", listeners.getString("status"));
            String problem = listeners.getJsonObject("data").getString(taken);
            assertTrue(problem.startsWith("not listening: cannot bind 127.0.0.1:" + micro.mtaPort()), problem);
            assertEquals("listening", listeners.getJsonObject("data").getString("submission:" + micro.submissionPort()));
            assertEquals("listening", listeners.getJsonObject("data").getString("smtps:" + micro.smtpsPort()));

            Health.Answer ready = health.ready();
            assertEquals(503, ready.status(), ready::toString);
            assertEquals("DOWN", ready.check("smtp-listeners").getString("status"));
            assertEquals("UP", ready.check("database").getString("status"), "only the listener is down");

            squatter.close();
            long freed = System.nanoTime();
            Health.Answer up = health.await("/health/live", answer -> answer.status() == 200, Duration.ofSeconds(30));
            Duration recovered = Duration.ofNanos(System.nanoTime() - freed);
            System.out.println("ListenerHealthIT: live turned UP " + recovered.toMillis() + " ms after the port was freed");
            assertEquals("listening", up.check("smtp-listeners").getJsonObject("data").getString(taken));
            assertEquals(200, health.ready().status());
            try (Socket client = new Socket("127.0.0.1", micro.mtaPort())) {
                client.setSoTimeout(10_000);
                String greeting = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII))
                        .readLine();
                assertTrue(greeting.startsWith("220 "), greeting);
            }
        } finally {
            squatter.close();
            micro.stop();
        }
    }
}
