package org.smtpeter.dashboard.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smtpeter.testing.ApiClient.expect;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smtpeter.testing.ApiClient;
import org.smtpeter.testing.Relay;
import org.smtpeter.testing.RelayExtension;

/**
 * The audit log page, read over plain HTTP by the logged-in operator: an account's entries with
 * who, from where, what and the detail (escaped), the action filter, and a refused filter.
 */
@ExtendWith(RelayExtension.class)
class AuditPageIT {

    private static final Pattern VIEW_STATE = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");

    private static Relay relay;
    private static long account;
    private static String session;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void anAccountWithAChange(Relay started) throws Exception {
        relay = started;
        ApiClient admin = ApiClient.admin(relay);
        account = admin.createAccount();
        expect(201, admin.post("/api/v1/accounts/" + account + "/suppressions",
                "{\"address\":\"<script>x</script>@example.net\"}"));
        session = logIn(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build(),
                InitialAdminLog.password(relay));
    }

    @Test
    void theAccountsEntriesAreListedWithWhoFromWhereWhatAndTheDetailEscaped() throws Exception {
        String page = page("/dashboard/audit.xhtml?account=" + account);

        assertTrue(page.contains("id=\"entries\""), page);
        assertEquals(2, count(page, "class=\"actor\">admin token<"), page);
        assertEquals(2, count(page, "class=\"remote-address\">127.0.0.1<"), page);
        assertTrue(page.indexOf(">suppression.added<") < page.indexOf(">account.created<"), "newest first: " + page);
        assertTrue(page.contains("&lt;script&gt;x&lt;/script&gt;@example.net"), page);
        assertFalse(page.contains("<script>x</script>"), page);
    }

    @Test
    void theActionFilterKeepsTheActionsThatStartWithIt() throws Exception {
        String page = page("/dashboard/audit.xhtml?account=" + account + "&action=account.");

        assertTrue(page.contains(">account.created<"), page);
        assertFalse(page.contains(">suppression.added<"), page);
    }

    @Test
    void aFilterNoActionStartsWithIsExplainedNotRun() throws Exception {
        String page = page("/dashboard/audit.xhtml?account=" + account + "&action=" + encode("x%"));

        assertTrue(page.contains("an action filter is the start of a code"), page);
        assertTrue(page.contains("id=\"no-entries\""), page);
    }

    private String page(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(relay.uri(path)).header("Cookie", session)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + " -> " + response.body());
        return response.body();
    }

    /** Logs in as the first administrator; returns the session cookie. */
    private static String logIn(HttpClient http, String password) throws IOException, InterruptedException {
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(relay.uri("/login.xhtml")).build(),
                HttpResponse.BodyHandlers.ofString());
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        Matcher viewState = VIEW_STATE.matcher(login.body());
        assertTrue(viewState.find(), login.body());
        String form = "login=login&login%3Ausername=admin&login%3Apassword=" + encode(password)
                + "&login%3Asubmit=Log+in&jakarta.faces.ViewState=" + encode(viewState.group(1));
        HttpResponse<String> loggedIn = http.send(HttpRequest.newBuilder(relay.uri("/login.xhtml"))
                .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, loggedIn.statusCode(), loggedIn.body());
        // The session id changes at the login (no session fixation).
        return loggedIn.headers().firstValue("Set-Cookie").map(c -> c.split(";", 2)[0]).orElse(cookie);
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
