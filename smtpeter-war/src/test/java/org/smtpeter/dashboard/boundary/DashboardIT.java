package org.smtpeter.dashboard.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.smtpeter.testing.Mails;
import org.smtpeter.testing.RawSmtpClient;
import org.smtpeter.testing.Relay;
import org.smtpeter.testing.RelayExtension;
import org.smtpeter.testing.TestCredential;

/**
 * The dashboard in a real browser (headless Chromium) against the shared test relay: what an
 * operator does, from the first login to a delivered and clicked message. Each test logs in on its
 * own browser and works on accounts of its own. Screenshots go to target/screenshots/.
 */
@ExtendWith(RelayExtension.class)
class DashboardIT {

    static final String XSS_SUBJECT = "<script>alert(1)</script> Welcome aboard";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern CLICK_LINK = Pattern.compile("http://127\\.0\\.0\\.1:\\d+/t/c/[A-Za-z0-9_.~-]+");
    private static final Pattern OPEN_PIXEL = Pattern.compile("http://127\\.0\\.0\\.1:\\d+/t/o/[A-Za-z0-9_.~-]+");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private Relay relay;
    private Browser browser;
    private Dashboard dashboard;

    @BeforeEach
    void logIn(Relay relay) {
        this.relay = relay;
        browser = new Browser("http://127.0.0.1:" + relay.server().httpPort());
        dashboard = new Dashboard(browser);
        dashboard.logIn("admin", InitialAdminLog.password(relay));
        assertTrue(browser.driver().getCurrentUrl().contains("/dashboard/accounts.xhtml"), browser.driver().getCurrentUrl());
    }

    @AfterEach
    void closeBrowser() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void createACredentialSendWithItAndFollowTheMessageToItsClick() throws Exception {
        String accountName = unique("shop");
        long accountId = dashboard.createAccount(accountName);
        browser.screenshot("account-empty");
        TestCredential credential = dashboard.createCredential(accountId, "web shop");
        assertTrue(credential.username().startsWith("smtp-"), credential.username());
        assertEquals(24, credential.password().length(), "the generated password is shown in full");
        assertTrue(browser.pageText().contains("This is the only time the password is shown"));
        browser.find(By.cssSelector("button.copy[data-copy='one-time-password']"));
        browser.screenshot("account-new-credential");

        String sender = Mails.uniqueSender();
        String recipient = unique("reader") + "@example.net";
        String id = relay.submit(credential, sender, htmlMail(sender, recipient, XSS_SUBJECT), recipient);
        String delivered = relay.sink().awaitFor(recipient, WAIT).text();
        followTrackingLinks(delivered);

        browser.open("/dashboard/messages.xhtml");
        browser.type(By.id("sender"), sender);
        browser.clickAndWait(By.id("search-submit"));
        assertTrue(browser.text(By.id("total")).startsWith("1 message"), browser.text(By.id("total")));
        assertSubjectShownAsText();
        browser.screenshot("messages");

        browser.clickAndWait(By.cssSelector("a.message-link"));
        assertTrue(browser.driver().getCurrentUrl().contains("id=" + id), browser.driver().getCurrentUrl());
        awaitTimeline("delivered", "click", "open");
        String page = browser.pageText();
        assertTrue(page.contains("Accepted from 127.0.0.1 over TLS"), page);
        assertTrue(page.contains(credential.username()), "the credential it was sent with");
        assertTrue(browser.text(By.id("features")).contains("trackclicks"), browser.text(By.id("features")));
        assertTrue(browser.text(By.id("tls")).startsWith("TLS"), browser.text(By.id("tls")));
        assertTrue(page.contains("Click by " + recipient), page);
        assertSubjectShownAsText();
        browser.screenshot("message");

        HttpResponse<byte[]> raw = get(browser.find(By.id("raw")).getAttribute("href"), dashboard.sessionCookie());
        assertEquals(200, raw.statusCode());
        assertEquals("message/rfc822", raw.headers().firstValue("Content-Type").orElse("").replaceAll(";.*", ""));
        assertTrue(raw.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment"));
        assertTrue(new String(raw.body(), StandardCharsets.UTF_8).contains("Subject: " + XSS_SUBJECT));
        assertEquals(302, get(browser.baseUrl() + "/dashboard/raw?id=" + id, null).statusCode(),
                "without a session the source is not given out");
    }

    @Test
    void credentialsCanBeDisabledEditedRotatedAndDeleted() throws Exception {
        long accountId = dashboard.createAccount(unique("rotating"));
        TestCredential first = dashboard.createCredential(accountId, "to rotate");

        browser.clickAndWait(By.id("credentials:list:0:disable"));
        assertTrue(browser.pageText().contains("Disabled " + first.username()), browser.pageText());
        assertEquals("disabled", browser.text(By.cssSelector("#credentials\\:list .badge")));
        assertFalse(canLogIn(first.username(), first.password()), "a disabled credential cannot log in");
        browser.clickAndWait(By.id("credentials:list:0:enable"));
        assertTrue(canLogIn(first.username(), first.password()));

        browser.clickAndWait(By.id("credentials:list:0:edit"));
        assertTrue(browser.text(By.id("features")).contains("default: on"), "the defaults are shown");
        browser.find(By.id("features:inlineCss")).click();
        browser.find(By.id("features:trackOpens")).click();
        browser.screenshot("account-features");
        browser.clickAndWait(By.id("features:save"));
        String features = browser.text(By.cssSelector("#credentials\\:list tbody tr td:nth-child(4)"));
        assertTrue(features.contains("inline CSS") && !features.contains("open tracking"), features);

        browser.clickAndWait(By.id("credentials:list:0:rotate"));
        browser.clickAndWait(By.id("credentials:list:0:confirm-rotate"));
        String rotated = browser.text(By.id("one-time-password"));
        assertFalse(rotated.equals(first.password()));
        assertFalse(canLogIn(first.username(), first.password()), "the old password stops working at once");
        assertTrue(canLogIn(first.username(), rotated));

        browser.clickAndWait(By.id("credentials:list:0:delete"));
        browser.clickAndWait(By.id("credentials:list:0:confirm-delete"));
        assertTrue(browser.pageText().contains("No SMTP credentials yet"), browser.pageText());
        assertFalse(canLogIn(first.username(), rotated));
    }

    @Test
    void deferredDeliveriesCanBeRetriedAndCancelled() throws Exception {
        long accountId = dashboard.createAccount(unique("queue"));
        TestCredential credential = dashboard.createCredential(accountId, "queue test");
        String sender = Mails.uniqueSender();
        String recipient = unique("tempfail-always") + "@example.net";
        relay.submit(credential, sender, Mails.simple(sender, recipient, "not today"), recipient);

        dashboard.section("queue");
        awaitOnReload(() -> isWaiting(recipient) && browser.text(By.xpath(rowOf(recipient))).contains("450 4.2.0"));
        browser.screenshot("queue");
        clickWhileWaiting(recipient, "Retry now", "Retrying the delivery to " + recipient + " now.");
        awaitOnReload(() -> isWaiting(recipient)
                && Integer.parseInt(browser.text(By.xpath(rowOf(recipient) + "/td[3]"))) >= 2);
        clickWhileWaiting(recipient, "Cancel", "Cancelled the delivery to " + recipient + ".");
        assertFalse(isWaiting(recipient), "cancelled is no longer waiting");
    }

    @Test
    void statisticsAreChartsAndATable() throws Exception {
        long accountId = dashboard.createAccount(unique("counted"));
        TestCredential credential = dashboard.createCredential(accountId, "statistics");
        String sender = Mails.uniqueSender();
        String recipient = unique("counted") + "@example.net";
        relay.submit(credential, sender, Mails.simple(sender, recipient, "count me"), recipient);
        relay.sink().awaitFor(recipient, WAIT);

        browser.open("/dashboard/statistics.xhtml?account=" + accountId);
        awaitOnReload(() -> browser.text(By.id("numbers:total-delivered")).equals("1"));
        assertEquals("1", browser.text(By.id("numbers:total-accepted")));
        for (String chart : new String[] {"chart-delivery", "chart-bounces", "chart-engagement"}) {
            assertEquals(Boolean.TRUE, browser.script("return Chart.getChart(document.getElementById('" + chart + "')) != null"),
                    chart + " is drawn by Chart.js");
        }
        browser.screenshot("statistics");

        browser.find(By.cssSelector("#granularity option[value='day']")).click();
        browser.clickAndWait(By.id("show"));
        assertTrue(browser.driver().getCurrentUrl().contains("granularity=day"));
        assertEquals("1", browser.text(By.id("numbers:total-accepted")));
    }

    @Test
    void messagesAndStatisticsFilterByTagAndChartALinePerTag() throws Exception {
        long accountId = dashboard.createAccount(unique("tagged"));
        TestCredential credential = dashboard.createCredential(accountId, "tags");
        String run = unique("t").substring(2);
        String spring = "spring-" + run;
        String markup = "<i>" + run;
        String sender = Mails.uniqueSender();
        String tagged = unique("tagged") + "@example.net";
        String plain = unique("plain") + "@example.net";
        relay.submit(credential, sender, ("X-SMTPeter-Tags: " + spring + "," + markup + "\r\n"
                + new String(Mails.simple(sender, tagged, "tagged"), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8),
                tagged);
        relay.submit(credential, sender, Mails.simple(sender, plain, "plain"), plain);
        relay.sink().awaitFor(tagged, WAIT);
        relay.sink().awaitFor(plain, WAIT);

        browser.open("/dashboard/messages.xhtml?account=" + accountId);
        browser.type(By.id("tag"), spring);
        browser.clickAndWait(By.id("search-submit"));
        assertTrue(browser.text(By.id("total")).startsWith("1 message"), browser.text(By.id("total")));
        assertTrue(browser.text(By.id("messages")).contains(markup), "the tag is shown as text");
        assertTrue(browser.driver().findElements(By.cssSelector("#messages i")).isEmpty(), "and never as markup");
        browser.screenshot("messages-by-tag");

        browser.open("/dashboard/statistics.xhtml?account=" + accountId);
        browser.find(By.id("byTag")).click();
        browser.find(By.cssSelector("#measure option[value='delivered']")).click();
        browser.clickAndWait(By.id("show"));
        assertTrue(browser.driver().getCurrentUrl().contains("byTag=true"), browser.driver().getCurrentUrl());
        awaitOnReload(() -> browser.text(By.id("numbers:total-delivered")).equals("2"));
        assertEquals(List.of(markup, spring), browser.script("return Chart.getChart(document.getElementById("
                + "'chart-tags')).data.datasets.map(d => d.label)"), "a line per tag, the tags as data");
        assertEquals(List.of(1L), browser.script("return [Chart.getChart(document.getElementById('chart-tags'))"
                + ".data.datasets[1].data.reduce((a, b) => a + b, 0)]"));
        browser.screenshot("statistics-by-tag");

        browser.type(By.id("tag"), spring);
        browser.clickAndWait(By.id("show"));
        awaitOnReload(() -> browser.text(By.id("numbers:total-delivered")).equals("1"));
    }

    @Test
    void webhooksAreAddedTestedDisabledAndDeleted() throws Exception {
        java.util.List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            received.add(exchange.getRequestHeaders().getFirst("webhook-signature"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            dashboard.createAccount(unique("hooked"));
            browser.clickAndWait(By.id("webhooks"));
            assertTrue(browser.pageText().contains("No webhook endpoints yet"), browser.pageText());
            browser.type(By.id("new-endpoint:url"), "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
            browser.type(By.id("new-endpoint:description"), XSS_SUBJECT);
            browser.clickAndWait(By.id("new-endpoint:submit"));
            assertTrue(browser.text(By.id("one-time-secret")).startsWith("whsec_"), browser.pageText());
            assertSubjectShownAsText();

            browser.clickAndWait(By.id("endpoints:list:0:test"));
            assertFalse(browser.pageText().contains("whsec_"), "the secret is shown once");
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!browser.text(By.id("delivery-log")).contains("SUCCEEDED") && System.nanoTime() < deadline) {
                sleep(500);
                browser.clickAndWait(By.id("endpoints:list:0:log"));
            }
            assertTrue(browser.text(By.id("delivery-log")).contains("SUCCEEDED"), browser.pageText());
            assertTrue(browser.text(By.id("delivery-log")).contains("204"), browser.pageText());
            assertEquals(1, received.size());
            assertTrue(received.get(0).startsWith("v1,"), received.toString());
            browser.screenshot("webhooks");

            browser.clickAndWait(By.id("endpoints:list:0:disable"));
            assertEquals("disabled", browser.text(By.cssSelector("#endpoints\\:list .badge")));
            browser.clickAndWait(By.id("endpoints:list:0:delete"));
            browser.clickAndWait(By.id("endpoints:list:0:confirm-delete"));
            assertTrue(browser.pageText().contains("No webhook endpoints yet"), browser.pageText());
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void suppressionsCanBeAddedSearchedAndRemoved() {
        long accountId = dashboard.createAccount(unique("suppressing"));
        dashboard.section("suppressions");
        browser.find(By.cssSelector("#filter\\:account option[value='" + accountId + "']")).click();
        browser.clickAndWait(By.id("filter:show"));
        String address = unique("gone") + "@example.net";
        browser.type(By.id("add:address"), address);
        browser.type(By.id("add:note"), "asked to be removed");
        browser.clickAndWait(By.id("add:submit"));
        assertTrue(browser.text(By.id("list:entries")).contains(address), browser.pageText());

        browser.type(By.id("filter:address"), address.substring(0, 12));
        browser.clickAndWait(By.id("filter:show"));
        assertTrue(browser.text(By.id("list:entries")).contains(address));
        browser.screenshot("suppressions");
        browser.clickAndWait(By.id("list:entries:0:remove"));
        assertTrue(browser.pageText().contains(address + " is sent to again."), browser.pageText());
        assertTrue(browser.pageText().contains("No suppressed addresses match"), browser.pageText());
    }

    @Test
    void aSenderDomainShowsItsRecordsAndTheirStateAfterACheck() {
        long accountId = dashboard.createAccount(unique("domains"));
        dashboard.section("domains");
        browser.find(By.cssSelector("#filter\\:account option[value='" + accountId + "']")).click();
        browser.clickAndWait(By.id("filter:show"));
        // Under .invalid (RFC 2606): no DNS server has its records, so the check finds them missing.
        String domain = unique("dashboard").toLowerCase(Locale.ROOT) + ".invalid";
        browser.type(By.id("add:name"), domain);
        browser.find(By.id("add:ed25519")).click();
        browser.clickAndWait(By.id("add:submit"));
        String page = browser.pageText();
        assertTrue(page.contains("Added " + domain), page);
        assertTrue(page.contains("_domainkey." + domain) && page.contains("v=DKIM1; k=ed25519; p="), page);
        assertTrue(page.contains("bounce." + domain) && page.contains("_dmarc." + domain), page);
        assertTrue(page.contains("not checked") && page.contains("not verified"), page);

        browser.clickAndWait(By.id("domains:domain:0:check"));
        page = browser.pageText();
        assertTrue(page.contains("Checked the records of " + domain), page);
        assertFalse(page.contains("not checked"), page);
        assertTrue(page.contains("missing"), page);
        browser.screenshot("domains");

        browser.clickAndWait(By.id("domains:domain:0:delete"));
        browser.clickAndWait(By.id("domains:domain:0:confirm-delete"));
        assertTrue(browser.pageText().contains("No sender domains yet."), browser.pageText());
    }

    /**
     * CSRF: a forged POST carries the administrator's cookie (the browser adds it) and knows the
     * form's field names, but not the ViewState of a view in that session. Nothing changes.
     */
    @Test
    void formsPostedWithoutOrWithAForgedViewStateChangeNothing() throws Exception {
        String accountsPage = browser.driver().getCurrentUrl();
        String cookie = dashboard.sessionCookie();
        String name = unique("forged");
        HttpResponse<byte[]> anotherSession = get(browser.baseUrl() + "/login.xhtml", null);
        String anotherSessionsViewState = viewStateOf(text(anotherSession));
        assertTrue(anotherSession.headers().firstValue("Set-Cookie").orElse("").toLowerCase(Locale.ROOT).contains("samesite=lax"),
                "browsers do not even send the session cookie with cross-site POSTs: " + anotherSession.headers());

        HttpResponse<byte[]> withoutViewState = post(accountsPage, cookie, createAccountForm(name, null));
        HttpResponse<byte[]> forged = post(accountsPage, cookie, createAccountForm(name, "1234567890:-987654321"));
        HttpResponse<byte[]> stolen = post(accountsPage, cookie, createAccountForm(name, anotherSessionsViewState));
        HttpResponse<byte[]> withoutToken = get(browser.baseUrl() + "/dashboard/accounts.xhtml", cookie);

        assertTrue(text(withoutViewState).contains("Accounts") && !text(withoutViewState).contains(name + " created"),
                "without a ViewState the POST is no postback: the page is just shown");
        assertRefused(forged);
        assertRefused(stolen);
        assertRefused(withoutToken); // a protected page needs the session's token
        // Had any of them created the account, creating it now would fail as a duplicate.
        dashboard.createAccount(name);

        browser.open("/dashboard/accounts.xhtml");
        assertTrue(browser.pageText().contains("Nothing was changed"));
        browser.screenshot("refused");
    }

    @Test
    void loggingOutEndsTheSession() throws Exception {
        String cookie = dashboard.sessionCookie();
        browser.clickAndWait(By.id("session:logout"));
        assertTrue(browser.pageText().contains("You are logged out."), browser.pageText());
        browser.screenshot("logged-out");

        browser.open("/dashboard/messages.xhtml");
        assertTrue(browser.driver().getCurrentUrl().endsWith("/login.xhtml"), browser.driver().getCurrentUrl());
        HttpResponse<byte[]> oldSession = get(browser.baseUrl() + "/dashboard/messages.xhtml", cookie);
        assertEquals(302, oldSession.statusCode());
        assertTrue(oldSession.headers().firstValue("Location").orElse("").endsWith("/login.xhtml"));
    }

    @Test
    void aWrongPasswordIsRefusedAndTheLoginPageIsWhereTheDashboardStarts() throws IOException {
        browser.close();
        browser = new Browser(browser.baseUrl());
        dashboard = new Dashboard(browser);
        browser.open("/");
        assertTrue(browser.driver().getCurrentUrl().endsWith("/login.xhtml"), browser.driver().getCurrentUrl());
        browser.screenshot("login");
        dashboard.logIn("admin", "not-the-password");
        assertTrue(browser.pageText().contains("Wrong user name or password."), browser.pageText());

        dashboard.logIn("admin", InitialAdminLog.password(relay));
        assertTrue(browser.driver().getCurrentUrl().contains("/dashboard/accounts.xhtml?jakarta.faces.Token="),
                "after the login the dashboard opens at the accounts: " + browser.driver().getCurrentUrl());
        browser.screenshot("accounts");
    }

    @Test
    void theAdministratorCanChangeTheirPassword() {
        String initial = InitialAdminLog.password(relay);
        String replacement = "a new password " + UUID.randomUUID();
        dashboard.section("password");
        changePassword(initial, replacement);
        assertTrue(browser.pageText().contains("Password changed."), browser.pageText());
        try {
            browser.clickAndWait(By.id("session:logout"));
            dashboard.logIn("admin", initial);
            assertTrue(browser.pageText().contains("Wrong user name or password."));
            dashboard.logIn("admin", replacement);
            dashboard.section("password");
        } finally {
            changePassword(replacement, initial); // the other tests log in with the printed one
        }
        assertTrue(browser.pageText().contains("Password changed."), browser.pageText());
    }

    private static void assertRefused(HttpResponse<byte[]> response) {
        assertEquals(403, response.statusCode(), text(response));
        assertTrue(text(response).contains("Nothing was changed."), text(response));
    }

    private void changePassword(String current, String replacement) {
        browser.type(By.id("password:current"), current);
        browser.type(By.id("password:replacement"), replacement);
        browser.type(By.id("password:repeated"), replacement);
        browser.clickAndWait(By.id("password:submit"));
    }

    /** The subject is in the page as text, and no script from it ran or even exists. */
    private void assertSubjectShownAsText() {
        assertTrue(browser.pageText().contains(XSS_SUBJECT), browser.pageText());
        assertThrows(NoAlertPresentException.class, () -> browser.driver().switchTo().alert());
        assertEquals(Boolean.FALSE, browser.script(
                "return Array.from(document.scripts).some(s => s.textContent.includes('alert(1)'))"));
    }

    private void awaitTimeline(String... types) {
        awaitOnReload(() -> {
            String timeline = browser.text(By.id("timeline"));
            for (String type : types) {
                if (browser.driver().findElements(By.cssSelector("#timeline .event-" + type)).isEmpty()) {
                    return false;
                }
            }
            return !timeline.isEmpty();
        });
    }

    /** Reloads the page until the condition holds; the relay works in the background. */
    private void awaitOnReload(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not seen within " + WAIT + " on " + browser.driver().getCurrentUrl()
                        + ":\n" + browser.pageText());
            }
            sleep(500);
            // A GET of the same URL: a refresh would send a form again if the page was a POST's answer.
            browser.driver().get(browser.driver().getCurrentUrl());
        }
    }

    /**
     * Clicks a queue action on the recipient's row while it waits. The shared relay retries after 1,
     * 2 and 4 s, so its own attempt can take the delivery between the page's load and the click; the
     * relay then rightly answers "no longer waiting" (an attempt in flight is its worker's), and the
     * click is made again once the delivery waits again.
     */
    private void clickWhileWaiting(String recipient, String action, String done) {
        awaitOnReload(() -> {
            if (!isWaiting(recipient)) {
                return false;
            }
            browser.clickAndWait(By.xpath(rowOf(recipient) + "//input[@value='" + action + "']"));
            String answer = browser.pageText();
            assertTrue(answer.contains(done) || answer.contains("is no longer waiting; nothing was changed."), answer);
            return answer.contains(done);
        });
    }

    private boolean isWaiting(String recipient) {
        return !browser.driver().findElements(By.xpath(rowOf(recipient))).isEmpty();
    }

    private String rowOf(String recipient) {
        return "//table[@id='queue:deliveries']//tr[.//span[@class='recipient' and text()='" + recipient + "']]";
    }

    /** Follows the click link as the recipient would, and loads the open pixel as a mail client would. */
    private void followTrackingLinks(String deliveredMail) throws IOException, InterruptedException {
        String unfolded = deliveredMail.replace("=\r\n", "").replace("=3D", "=");
        Matcher click = CLICK_LINK.matcher(unfolded);
        assertTrue(click.find(), "click tracking rewrote the link: " + deliveredMail);
        HttpResponse<byte[]> followed = get(click.group(), null);
        assertEquals("https://example.com/welcome", followed.headers().firstValue("Location").orElse(null));
        Matcher open = OPEN_PIXEL.matcher(unfolded);
        assertTrue(open.find(), "open tracking added a pixel: " + deliveredMail);
        get(open.group(), null);
    }

    /** AUTH from an address of its own in 127/8, so that refusals never throttle other tests' logins. */
    private boolean canLogIn(String username, String password) throws IOException {
        String address = "127.2." + ThreadLocalRandom.current().nextInt(1, 255) + "." + ThreadLocalRandom.current().nextInt(1, 255);
        try (RawSmtpClient client = new RawSmtpClient(relay.submissionPort(), address)) {
            RawSmtpClient.expect("220", client.reply());
            RawSmtpClient.expect("250", client.command("EHLO dashboard.test"));
            RawSmtpClient.expect("220", client.command("STARTTLS"));
            client.startTls();
            RawSmtpClient.expect("250", client.command("EHLO dashboard.test"));
            String plain = Base64.getEncoder().encodeToString(("\0" + username + "\0" + password).getBytes(StandardCharsets.UTF_8));
            return client.command("AUTH PLAIN " + plain).startsWith("235");
        }
    }

    private static byte[] htmlMail(String from, String to, String subject) {
        return ("From: <" + from + ">\r\n"
                + "To: <" + to + ">\r\n"
                + "Subject: " + subject + "\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/html; charset=UTF-8\r\n"
                + "\r\n"
                + "<html><body><p>Hello! <a href=\"https://example.com/welcome\">Start here</a></p></body></html>\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String createAccountForm(String name, String viewState) {
        String form = "create=create&create%3Aname=" + name + "&create%3Asubmit=Create+account";
        return viewState == null ? form
                : form + "&jakarta.faces.ViewState=" + java.net.URLEncoder.encode(viewState, StandardCharsets.UTF_8);
    }

    private static String viewStateOf(String html) {
        Matcher matcher = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"").matcher(html);
        assertTrue(matcher.find(), html);
        return matcher.group(1);
    }

    private HttpResponse<byte[]> get(String url, String cookie) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(java.net.URI.create(url)).GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return send(request);
    }

    private HttpResponse<byte[]> post(String url, String cookie, String form) throws IOException {
        return send(HttpRequest.newBuilder(java.net.URI.create(url)).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
