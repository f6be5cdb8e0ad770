package org.smtpeter.dashboard.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smtpeter.testing.Relay;

/**
 * Password guessing on the dashboard's login page, against a relay of its own (so the locked
 * user names lock out no other test): three failures per user name in a 20-second window.
 */
class LoginThrottleIT {

    private static final Duration WINDOW = Duration.ofSeconds(20);
    private static final String WRONG = "Wrong user name or password.";
    private static final String TOO_MANY = "Too many failed logins; try again in 1 minute.";
    private static final Pattern VIEW_STATE = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");

    private static Relay relay;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void startRelay() {
        relay = Relay.start("login-throttle", null, Map.of(
                "smtpeter.dashboard.login.max-failures", "3",
                "smtpeter.dashboard.login.max-failures-per-address", "10",
                "smtpeter.dashboard.login.failure-window-seconds", String.valueOf(WINDOW.toSeconds())));
    }

    @AfterAll
    static void stopRelay() throws Exception {
        relay.close();
    }

    /** In the browser: the message on the page, and a lock that hammering does not prolong. */
    @Test
    void afterThreeWrongPasswordsEvenTheRightOneIsRefusedUntilTheWindowEnds() throws Exception {
        String password = InitialAdminLog.password(relay);
        try (Browser browser = new Browser("http://127.0.0.1:" + relay.server().httpPort())) {
            Dashboard dashboard = new Dashboard(browser);
            // The server's first failure lies between these two instants, however slow the machine.
            Instant beforeFirstFailure = Instant.now();
            Instant afterFirstFailure = null;
            for (int i = 0; i < 3; i++) {
                dashboard.logIn("admin", "guess-" + i);
                assertTrue(browser.pageText().contains(WRONG), browser.pageText());
                if (afterFirstFailure == null) {
                    afterFirstFailure = Instant.now();
                }
            }

            dashboard.logIn("admin", password);

            assertTrue(browser.pageText().contains(TOO_MANY), browser.pageText());
            assertTrue(browser.driver().getCurrentUrl().endsWith("/login.xhtml"), browser.driver().getCurrentUrl());
            browser.screenshot("login-throttled");
            // Refused tries right up to the end of the window: were they counted, the lock would last 20 s longer.
            while (Instant.now().isBefore(beforeFirstFailure.plus(WINDOW).minusSeconds(3))) {
                dashboard.logIn("admin", "another-guess");
                assertTrue(browser.pageText().contains(TOO_MANY), browser.pageText());
            }
            sleepUntil(afterFirstFailure.plus(WINDOW).plusSeconds(1));

            dashboard.logIn("admin", password);

            assertTrue(browser.driver().getCurrentUrl().contains("/dashboard/accounts.xhtml"),
                    "the window opened with the first failure has ended: " + browser.pageText());
        }
    }

    /** Form posts at the same moment, each from a session of its own: no more password checks than the limit. */
    @Test
    void parallelGuessesGetNoMoreTriesThanTheLimit() throws Exception {
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            sessions.add(openLoginPage());
        }
        ExecutorService threads = Executors.newFixedThreadPool(sessions.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<String>> posts = new ArrayList<>();
            for (Session session : sessions) {
                posts.add(threads.submit(() -> {
                    start.await();
                    return outcome(logIn(session, "operator", "guess-" + session.cookie().hashCode()));
                }));
            }
            start.countDown();
            Map<String, Integer> outcomes = new TreeMap<>();
            for (Future<String> post : posts) {
                outcomes.merge(post.get(), 1, Integer::sum);
            }

            assertEquals(Map.of(WRONG, 3, TOO_MANY, 9), outcomes);
        } finally {
            threads.shutdown();
        }
    }

    private record Session(String cookie, String viewState) {
    }

    private Session openLoginPage() throws IOException, InterruptedException {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(relay.uri("/login.xhtml")).build(),
                HttpResponse.BodyHandlers.ofString());
        String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        Matcher viewState = VIEW_STATE.matcher(page.body());
        assertTrue(viewState.find(), page.body());
        return new Session(cookie, viewState.group(1));
    }

    private HttpResponse<String> logIn(Session session, String username, String password)
            throws IOException, InterruptedException {
        String form = "login=login&login%3Ausername=" + encode(username) + "&login%3Apassword=" + encode(password)
                + "&login%3Asubmit=Log+in&jakarta.faces.ViewState=" + encode(session.viewState());
        return http.send(HttpRequest.newBuilder(relay.uri("/login.xhtml")).header("Cookie", session.cookie())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String outcome(HttpResponse<String> response) {
        for (String message : List.of(WRONG, TOO_MANY)) {
            if (response.body().contains(message)) {
                return message;
            }
        }
        return response.statusCode() + " " + response.body();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static void sleepUntil(Instant moment) throws InterruptedException {
        long millis = Duration.between(Instant.now(), moment).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }
}
