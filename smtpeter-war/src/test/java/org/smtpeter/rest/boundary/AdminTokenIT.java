package org.smtpeter.rest.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.smtpeter.testing.PayaraMicro;

/**
 * A relay with no admin token configured: the token it generates is printed at the first start
 * only, works across restarts, and is replaced (printed once more) on request.
 */
class AdminTokenIT {

    private final HttpClient http = HttpClient.newHttpClient();
    private PayaraMicro micro;

    @AfterEach
    void stop() throws InterruptedException {
        if (micro != null) {
            micro.stop();
        }
    }

    @Test
    void aGeneratedTokenIsPrintedOnceAndOnlyItsHashIsKept() throws Exception {
        micro = new PayaraMicro("admin-token", Map.of()).generatedAdminToken();
        micro.start();
        String first = micro.adminToken();
        String firstLog = log();
        assertTrue(first.startsWith("smtpeter-admin_") && firstLog.contains(AdminToken.BANNER),
                "printed at the first start: " + first);
        assertEquals(200, status(first));
        assertEquals(401, status(first + "x"));
        assertEquals(401, status("smtpeter-admin_guessed"));

        micro.stop();
        micro.start();

        String secondLog = log();
        assertFalse(secondLog.contains(first), "a later start does not print the token");
        assertFalse(secondLog.contains(AdminToken.BANNER));
        assertTrue(secondLog.contains("smtpeter.admin.regenerate-token=true"), "says how to replace it");
        assertEquals(200, status(first), "the token of the first start still works");

        micro.stop();
        micro.setting("smtpeter.admin.regenerate-token", "true").start();

        String replaced = micro.adminToken();
        assertNotEquals(first, replaced);
        assertTrue(log().contains("The previous token no longer works"));
        assertEquals(200, status(replaced));
        assertEquals(401, status(first), "the replaced token is refused");
    }

    private String log() throws IOException {
        return Files.readString(micro.currentLog(), StandardCharsets.ISO_8859_1);
    }

    private int status(String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + micro.httpPort() + "/api/v1/accounts?limit=1"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
