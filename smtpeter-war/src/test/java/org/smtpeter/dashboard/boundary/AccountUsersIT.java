package org.smtpeter.dashboard.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.smtpeter.testing.Mails;
import org.smtpeter.testing.Relay;
import org.smtpeter.testing.RelayExtension;
import org.smtpeter.testing.TestCredential;

/**
 * The dashboard for an account's people, in headless Chromium: an operator invites an owner, the
 * invitation arrives by mail through the relay, the owner sets a password, switches on two-factor
 * login (codes computed here, RFC 6238), creates a credential and sends with it, sees only the
 * account's own mail and is refused everything else. Screenshots go to target/screenshots/.
 */
@ExtendWith(RelayExtension.class)
class AccountUsersIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern INVITATION = Pattern.compile("http://127\\.0\\.0\\.1:\\d+/invitation\\.xhtml\\?token=[A-Za-z0-9_.-]+");
    private static final Pattern RESET = Pattern.compile("http://127\\.0\\.0\\.1:\\d+/reset\\.xhtml\\?token=[A-Za-z0-9_.-]+");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private Relay relay;
    private Browser operatorBrowser;
    private Dashboard operator;
    private Browser personBrowser;
    private Dashboard person;

    @BeforeEach
    void operatorLogsIn(Relay relay) {
        this.relay = relay;
        operatorBrowser = new Browser(baseUrl());
        operator = new Dashboard(operatorBrowser);
        operator.logIn("admin", InitialAdminLog.password(relay));
        personBrowser = new Browser(baseUrl());
        person = new Dashboard(personBrowser);
    }

    @AfterEach
    void closeBrowsers() throws IOException {
        for (Browser browser : new Browser[] {operatorBrowser, personBrowser}) {
            if (browser != null) {
                browser.close();
            }
        }
    }

    @Test
    void anInvitedOwnerWithTwoFactorLoginWorksOnlyInTheirAccount() throws Exception {
        // Another account with a message of its own, which the invited owner must never see.
        TestCredential other = relay.newCredential();
        String otherSender = Mails.uniqueSender();
        String otherRecipient = unique("other") + "@example.net";
        String otherMessage = relay.submit(other, otherSender, Mails.simple(otherSender, otherRecipient, "not yours"), otherRecipient);

        long accountId = operator.createAccount(unique("team"));
        String email = unique("owner") + "@example.org";
        invite(email, "OWNER");
        operatorBrowser.screenshot("people-invited");

        String link = linkIn(email, INVITATION);
        // Signed: a link changed in any part (here its expiry, pushed a year on) opens nothing.
        String[] parts = link.substring(link.indexOf("token=") + 6).split("\\.");
        personBrowser.driver().get(link.replace("." + parts[1] + ".", "." + (Long.parseLong(parts[1]) + 31_536_000L) + "."));
        assertTrue(personBrowser.pageText().contains("does not work"), personBrowser.pageText());
        personBrowser.driver().get(link);
        assertTrue(personBrowser.text(By.id("invitation:username")).equals(email), personBrowser.pageText());
        personBrowser.screenshot("invitation");
        String password = "correct horse battery " + unique("s");
        personBrowser.type(By.id("invitation:password"), password);
        personBrowser.type(By.id("invitation:repeated"), password);
        personBrowser.clickAndWait(By.id("invitation:submit"));
        assertTrue(personBrowser.pageText().contains("Your password is set"), personBrowser.pageText());
        personBrowser.driver().get(link);
        assertTrue(personBrowser.pageText().contains("does not work"), "the link works once: " + personBrowser.pageText());

        person.logIn(email, password);
        assertTrue(person.currentPath().startsWith("/dashboard/account.xhtml") && person.currentPath().endsWith("id=" + accountId),
                person.currentPath());

        // Two-factor login, with codes computed here from the secret the page shows.
        person.section("security");
        personBrowser.clickAndWait(By.id("two-factor:begin"));
        String secret = personBrowser.text(By.id("totp-secret"));
        assertTrue(personBrowser.text(By.id("totp-uri")).startsWith("otpauth://totp/"), personBrowser.text(By.id("totp-uri")));
        personBrowser.type(By.id("two-factor:code"), code(secret, step()));
        personBrowser.clickAndWait(By.id("two-factor:confirm"));
        List<String> recoveryCodes = personBrowser.driver().findElements(By.cssSelector("code.recovery-code")).stream()
                .map(WebElement::getText).toList();
        assertEquals(10, recoveryCodes.size(), personBrowser.pageText());
        assertTrue(personBrowser.text(By.id("two-factor:state")).startsWith("On"), personBrowser.pageText());
        personBrowser.screenshot("two-factor-on");

        personBrowser.clickAndWait(By.id("session:logout"));
        person.logIn(email, password);
        assertTrue(personBrowser.pageText().contains("Enter the code from your authenticator app"), personBrowser.pageText());
        logInWithCode(email, password, "000000".equals(code(secret, step())) ? "111111" : "000000");
        assertTrue(personBrowser.pageText().contains("That code is wrong"), personBrowser.pageText());
        // The next step's code: the one used to switch on was spent, and the window takes one step either side.
        logInWithCode(email, password, code(secret, step() + 1));
        assertTrue(person.currentPath().startsWith("/dashboard/account.xhtml"), person.currentPath() + " " + personBrowser.pageText());

        // A credential of their own, and a message sent with it over SMTP.
        TestCredential credential = person.createCredential(accountId, "newsletter");
        String sender = Mails.uniqueSender();
        String recipient = unique("reader") + "@example.net";
        String messageId = relay.submit(credential, sender, Mails.simple(sender, recipient, "ours"), recipient);
        relay.sink().awaitFor(recipient, WAIT);

        person.section("messages");
        personBrowser.type(By.id("sender"), sender);
        personBrowser.clickAndWait(By.id("search-submit"));
        assertTrue(personBrowser.text(By.id("total")).startsWith("1 message"), personBrowser.text(By.id("total")));
        personBrowser.screenshot("person-messages");
        personBrowser.type(By.id("sender"), otherSender);
        personBrowser.clickAndWait(By.id("search-submit"));
        assertTrue(personBrowser.text(By.id("total")).startsWith("0 messages"), "another account's mail is not listed");
        assertEquals(1, personBrowser.driver().findElements(By.cssSelector("#account option:not([value=''])")).size(),
                "only their own account to choose");

        // What they did, and what was done to them, in the account's audit log: on the page and in the API.
        person.section("audit");
        String audit = personBrowser.text(By.id("entries"));
        for (String expected : List.of("user.invited", "user.joined", "user.two-factor-on", "credential.created",
                credential.username(), email, "admin")) {
            assertTrue(audit.contains(expected), expected + " in " + audit);
        }
        personBrowser.screenshot("person-audit");
        HttpResponse<String> api = http.send(HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/api/v1/accounts/"
                + accountId + "/audit-log")).header("Authorization", "Bearer " + relay.adminToken()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, api.statusCode());
        assertTrue(api.body().contains("\"credential.created\"") && api.body().contains("\"actor\":\"" + email + "\""), api.body());

        // An API token of their own account, made on the dashboard: it reads this account's audit log.
        person.section("account");
        personBrowser.clickAndWait(By.id("tokens"));
        personBrowser.type(By.id("new-token:description"), "deploy script");
        personBrowser.clickAndWait(By.id("new-token:submit"));
        String token = personBrowser.text(By.id("token-secret"));
        HttpResponse<String> own = http.send(HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/api/v1/accounts/"
                + accountId + "/audit-log")).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, own.statusCode(), own.body());
        assertTrue(own.body().contains("\"token.created\""), own.body());

        String session = person.sessionCookie();
        assertEquals(200, get("/dashboard/message.xhtml?id=" + messageId, session).statusCode());
        assertEquals(404, get("/dashboard/message.xhtml?id=" + otherMessage, session).statusCode());
        assertEquals(404, get("/dashboard/raw?id=" + otherMessage, session).statusCode());
        assertEquals(404, get("/dashboard/suppressions.xhtml?account=" + other.accountId(), session).statusCode());
        assertEquals(404, get("/dashboard/account.xhtml?id=" + other.accountId(), session).statusCode());
        assertEquals(403, get("/dashboard/accounts.xhtml", session).statusCode());
        personBrowser.open("/dashboard/message.xhtml?id=" + otherMessage);
        personBrowser.screenshot("person-refused-other-message");
        assertFalse(personBrowser.pageText().contains("not yours"), personBrowser.pageText());

        // A recovery code logs in once.
        personBrowser.clickAndWait(By.id("session:logout"));
        logInWithCode(email, password, recoveryCodes.get(0));
        assertTrue(person.currentPath().startsWith("/dashboard/account.xhtml"), personBrowser.pageText());
        personBrowser.clickAndWait(By.id("session:logout"));
        logInWithCode(email, password, recoveryCodes.get(0));
        assertTrue(personBrowser.pageText().contains("That code is wrong"), personBrowser.pageText());

        // Disabled by the operator: the running session ends at the next click.
        logInWithCode(email, password, recoveryCodes.get(1));
        // The operator's browser is still on the account's People page, where the invitation was sent.
        operatorBrowser.clickAndWait(By.id("people:list:0:disable"));
        assertTrue(operatorBrowser.pageText().contains("Disabled " + email), operatorBrowser.pageText());
        personBrowser.open("/dashboard/messages.xhtml");
        assertTrue(personBrowser.driver().getCurrentUrl().contains("/login.xhtml"), personBrowser.driver().getCurrentUrl());
    }

    @Test
    void aMemberOfAnAccountThatRequiresTwoFactorLoginSetsItUpFirstAndCanResetThePassword() throws Exception {
        operator.section("users");
        assertEquals("Operators", operatorBrowser.find(By.tagName("h1")).getText());
        assertTrue(operatorBrowser.text(By.id("people:list")).contains("admin"), operatorBrowser.pageText());
        assertTrue(operatorBrowser.text(By.id("people:list")).contains("(you)"), "nobody changes their own login there");
        long accountId = operator.createAccount(unique("strict"));
        operatorBrowser.clickAndWait(By.id("people"));
        operatorBrowser.clickAndWait(By.id("policy:require"));
        assertTrue(operatorBrowser.text(By.id("policy:policy-state")).startsWith("Required"), operatorBrowser.pageText());
        String email = unique("member") + "@example.org";
        invite(email, "MEMBER");

        personBrowser.driver().get(linkIn(email, INVITATION));
        String password = "first password " + unique("p");
        personBrowser.type(By.id("invitation:password"), password);
        personBrowser.type(By.id("invitation:repeated"), password);
        personBrowser.clickAndWait(By.id("invitation:submit"));
        person.logIn(email, password);
        personBrowser.open("/dashboard/messages.xhtml");
        assertTrue(personBrowser.driver().getCurrentUrl().endsWith("/dashboard/security.xhtml"),
                "held at the two-factor page: " + personBrowser.driver().getCurrentUrl());
        assertTrue(personBrowser.pageText().contains("Your account requires two-factor login"), personBrowser.pageText());
        assertEquals(403, get("/dashboard/users.xhtml?account=" + accountId, person.sessionCookie()).statusCode(),
                "members do not manage people");
        personBrowser.screenshot("two-factor-required");

        // Forgotten password: a link by mail, once, and the old password stops working.
        personBrowser.clickAndWait(By.id("session:logout"));
        personBrowser.open("/forgot.xhtml");
        personBrowser.type(By.id("forgot:email"), email);
        personBrowser.clickAndWait(By.id("forgot:submit"));
        assertTrue(personBrowser.pageText().contains("If that address belongs to someone here"), personBrowser.pageText());
        personBrowser.driver().get(linkIn(email, RESET));
        String replacement = "second password " + unique("p");
        personBrowser.type(By.id("reset:password"), replacement);
        personBrowser.type(By.id("reset:repeated"), replacement);
        personBrowser.clickAndWait(By.id("reset:submit"));
        assertTrue(personBrowser.pageText().contains("Your password is set"), personBrowser.pageText());
        person.logIn(email, password);
        assertTrue(personBrowser.pageText().contains("Wrong user name or password"), personBrowser.pageText());
        person.logIn(email, replacement);
        assertTrue(personBrowser.driver().getCurrentUrl().endsWith("/dashboard/security.xhtml"), personBrowser.driver().getCurrentUrl());

        // Closing the account takes its people with it; their login ends.
        HttpResponse<String> deleted = org.smtpeter.testing.ApiClient.admin(relay).delete("/api/v1/accounts/" + accountId);
        assertEquals(204, deleted.statusCode(), deleted.body());
        personBrowser.clickAndWait(By.id("session:logout"));
        person.logIn(email, replacement);
        assertTrue(personBrowser.pageText().contains("Wrong user name or password"), personBrowser.pageText());
    }

    /** Invites from the account's People page, which the operator reaches from the account page. */
    private void invite(String email, String role) {
        if (!operator.currentPath().startsWith("/dashboard/users.xhtml")) {
            operatorBrowser.clickAndWait(By.id("people"));
        }
        assertTrue(operatorBrowser.find(By.tagName("h1")).getText().startsWith("People of "), operatorBrowser.pageText());
        operatorBrowser.type(By.id("invite:email"), email);
        new org.openqa.selenium.support.ui.Select(operatorBrowser.find(By.id("invite:role"))).selectByValue(role);
        operatorBrowser.clickAndWait(By.id("invite:submit"));
        assertTrue(operatorBrowser.pageText().contains("Invited " + email), operatorBrowser.pageText());
    }

    private void logInWithCode(String username, String password, String code) {
        personBrowser.open("/login.xhtml");
        personBrowser.type(By.id("login:username"), username);
        personBrowser.type(By.id("login:password"), password);
        personBrowser.type(By.id("login:code"), code);
        personBrowser.clickAndWait(By.id("login:submit"));
    }

    /** The newest link of the kind in the mail the relay delivered to {@code email}. */
    private String linkIn(String email, Pattern kind) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            List<String> found = relay.sink().receivedFor(email).stream().map(r -> r.text())
                    .map(kind::matcher).filter(Matcher::find).map(Matcher::group).toList();
            if (!found.isEmpty()) {
                return found.get(found.size() - 1);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no mail with a link for " + email);
    }

    private HttpResponse<String> get(String path, String cookie) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(java.net.URI.create(baseUrl() + path)).header("Cookie", cookie).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + relay.server().httpPort();
    }

    private static long step() {
        return System.currentTimeMillis() / 1000 / 30;
    }

    /** RFC 6238 TOTP (HMAC-SHA1, six digits) from a base32 secret, computed independently of the relay's code. */
    static String code(String base32Secret, long step) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(base32(base32Secret), "HmacSHA1"));
        byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
        int offset = hash[19] & 0xf;
        int value = ((hash[offset] & 0x7f) << 24 | (hash[offset + 1] & 0xff) << 16 | (hash[offset + 2] & 0xff) << 8
                | (hash[offset + 3] & 0xff)) % 1_000_000;
        return String.format("%06d", value);
    }

    private static byte[] base32(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        ByteBuffer bytes = ByteBuffer.allocate(text.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (char c : text.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                bytes.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return bytes.array();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
