package org.smtpeter.health.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smtpeter.testing.PayaraMicro;

/**
 * The database goes away under a running relay: readiness turns DOWN within a bounded time while
 * liveness stays UP (a restart would not bring the database back), and readiness comes back UP
 * once the database does, without a restart. The relay reaches PostgreSQL through a proxy that the
 * test cuts or freezes; H2 is embedded and cannot go away, so this runs in the PostgreSQL pass.
 */
class DatabaseHealthIT {

    /** The check waits 3 s for its probe; the rest is the time to notice and to answer. */
    private static final Duration TURNS_DOWN_WITHIN = Duration.ofSeconds(15);
    private static final Duration COMES_BACK_WITHIN = Duration.ofSeconds(30);

    private static TcpProxy proxy;
    private static PayaraMicro micro;
    private static Health health;

    private static boolean onPostgreSql() {
        return "postgresql".equals(System.getProperty("smtpeter.it.database"));
    }

    @BeforeAll
    static void start() throws Exception {
        if (!onPostgreSql()) {
            return; // each test says why it is skipped
        }
        proxy = new TcpProxy(System.getProperty("smtpeter.it.db.host", "127.0.0.1"),
                Integer.parseInt(System.getProperty("smtpeter.it.db.port", "5432")));
        proxy.open();
        micro = new PayaraMicro("health-database", Map.of()).databaseAddress("127.0.0.1", proxy.port());
        micro.start();
        health = new Health(micro.httpPort());
    }

    @AfterAll
    static void stop() throws Exception {
        if (micro != null) {
            micro.stop();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @BeforeEach
    void databaseIsThere() throws Exception {
        Assumptions.assumeTrue(onPostgreSql(),
                "needs PostgreSQL behind a proxy (H2 is embedded and cannot go away); runs in the PostgreSQL pass");
        proxy.thaw();
        proxy.open();
        health.await("/health/ready", answer -> answer.status() == 200, COMES_BACK_WITHIN);
    }

    @Test
    void readinessFollowsTheDatabaseAndLivenessDoesNot() throws Exception {
        Health.Answer ready = health.ready();
        assertEquals("UP", ready.check("database").getString("status"), ready::toString);

        proxy.cut();
        long cut = System.nanoTime();
        Health.Answer down = health.await("/health/ready", answer -> answer.status() == 503, TURNS_DOWN_WITHIN);
        Duration noticed = Duration.ofNanos(System.nanoTime() - cut);
        assertEquals("DOWN", down.overall());
        assertEquals("DOWN", down.check("database").getString("status"));
        assertEquals("UP", down.check("smtp-listeners").getString("status"));
        assertTrue(down.check("database").getJsonObject("data").getString("error").length() > 0, down::toString);
        Health.Answer live = health.live();
        assertEquals(200, live.status(), live::toString);

        proxy.open();
        long reopened = System.nanoTime();
        Health.Answer up = health.await("/health/ready", answer -> answer.status() == 200, COMES_BACK_WITHIN);
        Duration recovered = Duration.ofNanos(System.nanoTime() - reopened);
        assertEquals("UP", up.check("database").getString("status"));
        System.out.println("DatabaseHealthIT: cut -> ready DOWN in " + noticed.toMillis() + " ms (" + down + "); reopened -> UP in "
                + recovered.toMillis() + " ms");
    }

    @Test
    void aDatabaseThatHangsDoesNotHangTheHealthEndpoint() throws Exception {
        proxy.freeze();
        long frozen = System.nanoTime();
        Health.Answer down = health.await("/health/ready", answer -> answer.status() == 503, TURNS_DOWN_WITHIN);
        Duration noticed = Duration.ofNanos(System.nanoTime() - frozen);
        assertTrue(down.took().compareTo(Duration.ofSeconds(5)) < 0, "the answer took " + down.took());
        assertTrue(down.check("database").getJsonObject("data").getString("error").startsWith("no answer within "),
                down::toString);
        Health.Answer again = health.ready();
        assertEquals(503, again.status(), again::toString);
        assertTrue(again.took().compareTo(Duration.ofSeconds(5)) < 0, "the answer took " + again.took());
        assertEquals(200, health.live().status());

        proxy.thaw();
        long thawed = System.nanoTime();
        health.await("/health/ready", answer -> answer.status() == 200, COMES_BACK_WITHIN);
        System.out.println("DatabaseHealthIT: frozen -> ready DOWN in " + noticed.toMillis() + " ms, each answer within "
                + Math.max(down.took().toMillis(), again.took().toMillis()) + " ms; thawed -> UP in "
                + Duration.ofNanos(System.nanoTime() - thawed).toMillis() + " ms");
    }
}
