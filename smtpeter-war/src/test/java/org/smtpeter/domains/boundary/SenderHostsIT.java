package org.smtpeter.domains.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smtpeter.testing.ApiClient.expect;
import static org.smtpeter.testing.RawSmtpClient.expect;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smtpeter.testing.ApiClient;
import org.smtpeter.testing.DkimVerifier;
import org.smtpeter.testing.HtmlMails;
import org.smtpeter.testing.Mails;
import org.smtpeter.testing.RawSmtpClient;
import org.smtpeter.testing.Relay;
import org.smtpeter.testing.SmtpSink;
import org.smtpeter.testing.TestCredential;
import org.smtpeter.testing.TestDns;

/**
 * A sender domain's own bounce and tracking hosts on Payara Micro: once the test's DNS has every
 * record the API lists and a check found them, mail from the domain leaves with its VERP sender on
 * {@code bounce.<domain>} and its links on {@code track.<domain>} (a CNAME of the relay's tracking
 * host, here 127.0.0.1); a bounce to that address is taken and recorded, the endpoints answer for
 * that host and 404 for any other, and two one-click POSTs at once both answer as the first.
 * HTTP goes over a raw socket, since the JDK's client will not send a Host header of its own.
 */
class SenderHostsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DOMAIN = "hosts.test";
    private static final String FEATURES = "X-SMTPeter-TrackClicks: true\r\nX-SMTPeter-TrackOpens: true\r\n"
            + "X-SMTPeter-Unsubscribe: true\r\n";
    private static final Pattern VERP = Pattern.compile("b-[a-z0-9]{20}@(.+)");

    private static TestDns dns;
    private static Relay relay;
    private static ApiClient admin;
    private static TestCredential credential;
    private static int httpPort;

    @BeforeAll
    static void startRelayWithAPublishedDomain() throws IOException {
        dns = new TestDns();
        SmtpSink sink = new SmtpSink();
        relay = Relay.start("hosts", sink, Map.of(
                "smtpeter.delivery.smarthost", "127.0.0.1:" + sink.port(),
                "smtpeter.delivery.dns-server", dns.address(),
                "smtpeter.hostname", "relay.smtpeter.test",
                "smtpeter.delivery.poll-interval-millis", "200"));
        httpPort = relay.server().httpPort();
        admin = ApiClient.admin(relay);
        credential = relay.newCredential();
        String path = "/api/v1/accounts/" + credential.accountId() + "/domains";
        JsonObject domain = ApiClient.object(expect(201, admin.post(path, "{\"name\":\"" + DOMAIN + "\"}")));
        publish(domain);

        JsonObject checked = ApiClient.object(expect(200, admin.post(path + "/" + domain.getJsonNumber("id").longValue()
                + "/check", "")));
        for (JsonObject record : checked.getJsonArray("records").getValuesAs(JsonObject.class)) {
            assertEquals("found", record.getString("status"), record.toString());
        }
    }

    @AfterAll
    static void stop() throws Exception {
        relay.close();
        dns.close();
    }

    @Test
    void mailFromTheDomainUsesItsBounceAndTrackingHosts() throws Exception {
        String recipient = unique("ann");
        relay.submit(credential, "news@" + DOMAIN, html("news@" + DOMAIN, recipient), recipient);
        SmtpSink.Received arrived = relay.sink().awaitFor(recipient, WAIT);
        String text = arrived.text();
        String links = "http://track." + DOMAIN + ":" + httpPort;

        assertEquals("bounce." + DOMAIN, verpHost(arrived.mailFrom()));
        assertTrue(text.contains("href=\"" + links + "/t/c/"), text);
        assertTrue(text.contains("src=\"" + links + "/t/o/"), text);
        assertTrue(text.contains("List-Unsubscribe: <" + links + "/u/"), text);
        assertTrue(text.contains("<mailto:u-" + arrived.mailFrom().substring(2) + "?subject=unsubscribe>"), text);
        assertFalse(text.contains("127.0.0.1:" + httpPort), text);
        assertTrue(DkimVerifier.verify(arrived.data(), dns).stream().allMatch(DkimVerifier.Verdict::pass));
    }

    @Test
    void mailFromAnotherDomainKeepsTheRelaysHosts() throws Exception {
        String recipient = unique("bob");
        relay.submit(credential, "app@other.test", html("app@other.test", recipient), recipient);
        SmtpSink.Received arrived = relay.sink().awaitFor(recipient, WAIT);

        assertEquals("bounces.relay.smtpeter.test", verpHost(arrived.mailFrom()));
        assertTrue(HtmlMails.trackedLink(arrived.text()).startsWith("http://127.0.0.1:" + httpPort + "/t/c/"));
        assertTrue(arrived.text().contains("List-Unsubscribe: <http://127.0.0.1:" + httpPort + "/u/"), arrived.text());
    }

    @Test
    void aBounceToTheDomainsBounceHostIsTakenAndRecorded() throws Exception {
        String recipient = unique("gone");
        String id = relay.submit(credential, "news@" + DOMAIN, Mails.simple("news@" + DOMAIN, recipient, "bounces"),
                recipient);
        String verp = relay.sink().awaitFor(recipient, WAIT).mailFrom();
        assertEquals("bounce." + DOMAIN, verpHost(verp));

        try (RawSmtpClient mta = mta()) {
            expect("250", mta.command("MAIL FROM:<>"));
            expect("250", mta.command("RCPT TO:<" + verp + ">"));
            expect("354", mta.command("DATA"));
            mta.write(Mails.dotStuffed(dsn(recipient).getBytes(StandardCharsets.UTF_8)));
            expect("250", mta.command("."));
        }

        JsonArray bounces = ApiClient.await(() -> admin.array("/api/v1/bounces?message=" + id), found -> !found.isEmpty(),
                WAIT, "the bounce");
        assertEquals(recipient, bounces.getJsonObject(0).getString("recipient"));
        assertEquals("hard", bounces.getJsonObject(0).getString("hardness"));
    }

    @Test
    void theIntakeTakesEveryConfiguredBounceHostEvenBeforeItsDnsIsReady() throws Exception {
        TestCredential other = relay.newCredential();
        expect(201, admin.post("/api/v1/accounts/" + other.accountId() + "/domains", "{\"name\":\"unpublished.test\"}"));
        String recipient = unique("carol");
        relay.submit(other, "news@unpublished.test", Mails.simple("news@unpublished.test", recipient, "not yet"), recipient);
        String verp = relay.sink().awaitFor(recipient, WAIT).mailFrom();
        assertEquals("bounces.relay.smtpeter.test", verpHost(verp), "its records are not published: the relay's host");
        String local = verp.substring(0, verp.indexOf('@'));

        try (RawSmtpClient mta = mta()) {
            expect("250", mta.command("MAIL FROM:<>"));
            expect("250", mta.command("RCPT TO:<" + local + "@bounce.unpublished.test>"));
            expect("554", mta.command("RCPT TO:<" + local + "@bounce.nobody.test>"));
        }
    }

    @Test
    void theEndpointsAnswerTheDomainsTrackingHostAndNoOther() throws Exception {
        String recipient = unique("dan");
        relay.submit(credential, "news@" + DOMAIN, html("news@" + DOMAIN, recipient), recipient);
        String text = relay.sink().awaitFor(recipient, WAIT).text();
        String click = path(text, "href=\"http://track\\." + Pattern.quote(DOMAIN) + ":\\d+(/t/c/[A-Za-z0-9_-]+)\"");
        String unsubscribe = path(text, "List-Unsubscribe: <http://track\\." + Pattern.quote(DOMAIN) + ":\\d+(/u/[A-Za-z0-9_-]+)>");

        Answer viaDomain = http("GET", click, "track." + DOMAIN + ":" + httpPort);
        assertEquals(302, viaDomain.status(), viaDomain.toString());
        assertEquals(HtmlMails.LINK, viaDomain.location());
        assertEquals(302, http("GET", click, "127.0.0.1:" + httpPort).status(), "the relay's own host");
        for (String stranger : List.of("evil.example.net", "track.other.test:" + httpPort, "bounce." + DOMAIN)) {
            Answer refused = http("GET", click, stranger);
            assertEquals(404, refused.status(), stranger + ": " + refused);
            assertNull(refused.location(), stranger);
            assertEquals(404, http("GET", unsubscribe, stranger).status(), stranger);
            assertEquals(404, http("POST", unsubscribe, stranger).status(), stranger);
        }
        assertEquals(200, http("GET", unsubscribe, "track." + DOMAIN).status());
        assertTrue(admin.array("/api/v1/accounts/" + credential.accountId() + "/suppressions")
                        .getValuesAs(JsonObject.class).stream().noneMatch(entry -> entry.getString("address").equals(recipient)),
                "nothing unsubscribed through a refused host");
    }

    @Test
    void simultaneousOneClickPostsAllAnswerAsTheFirst() throws Exception {
        TestCredential own = relay.newCredential();
        String from = "news@" + DOMAIN;
        String recipient = unique("eve");
        relay.submit(own, from, html(from, recipient), recipient);
        String unsubscribe = path(relay.sink().awaitFor(recipient, WAIT).text(),
                "List-Unsubscribe: <http://[^/]+(/u/[A-Za-z0-9_-]+)>");

        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Answer>> posts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                posts.add(() -> http("POST", unsubscribe, "127.0.0.1:" + httpPort));
            }
            for (Future<Answer> answer : clients.invokeAll(posts)) {
                assertEquals(200, answer.get().status(), answer.get().toString());
            }
        } finally {
            clients.shutdownNow();
        }
        JsonArray suppressed = admin.array("/api/v1/accounts/" + own.accountId() + "/suppressions");
        assertEquals(1, suppressed.size(), suppressed.toString());
        assertEquals("unsubscribed", suppressed.getJsonObject(0).getString("reason"));
    }

    /** Every record exactly as the API lists it. */
    private static void publish(JsonObject domain) {
        for (JsonObject record : domain.getJsonArray("records").getValuesAs(JsonObject.class)) {
            String name = record.getString("name");
            String value = record.getString("value");
            switch (record.getString("type")) {
                case "TXT" -> dns.txt(name, value);
                case "MX" -> dns.mx(name, Integer.parseInt(value.split(" ")[0]), value.split(" ")[1]);
                case "CNAME" -> dns.cname(name, value);
                default -> throw new AssertionError("unexpected record " + record);
            }
        }
    }

    private static byte[] html(String from, String to) {
        return (FEATURES + new String(HtmlMails.withLink(from, to, "hosts"), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String verpHost(String mailFrom) {
        Matcher verp = VERP.matcher(mailFrom);
        assertTrue(verp.matches(), mailFrom);
        return verp.group(1);
    }

    private static String path(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertTrue(matcher.find(), regex + " in " + text);
        return matcher.group(1);
    }

    private static RawSmtpClient mta() throws IOException {
        RawSmtpClient mta = new RawSmtpClient(relay.mtaPort());
        expect("220", mta.reply());
        expect("250", mta.command("EHLO mx.remote.example"));
        return mta;
    }

    /** The status line's code and the Location of one HTTP/1.1 exchange. */
    private record Answer(int status, String location, String head) {
    }

    private static Answer http(String method, String path, String host) throws IOException {
        String body = method.equals("POST") ? "List-Unsubscribe=One-Click" : "";
        String request = method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n"
                + (body.isEmpty() ? "" : "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                + body.length() + "\r\n") + "\r\n" + body;
        try (Socket socket = new Socket("127.0.0.1", httpPort)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            String head = response.substring(0, Math.max(0, response.indexOf("\r\n\r\n")));
            String location = head.lines().filter(line -> line.regionMatches(true, 0, "Location:", 0, 9))
                    .map(line -> line.substring(9).strip()).findFirst().orElse(null);
            return new Answer(Integer.parseInt(head.split(" ")[1]), location, head);
        }
    }

    private static String dsn(String recipient) {
        return "From: MAILER-DAEMON@mx.remote.example\r\nTo: bounces@relay.test\r\n"
                + "Subject: Undelivered Mail Returned to Sender\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"R\"\r\n\r\n"
                + "--R\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n\r\n"
                + "--R\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.remote.example\r\n\r\n"
                + "Final-Recipient: rfc822; " + recipient + "\r\nAction: failed\r\nStatus: 5.1.1\r\n"
                + "Diagnostic-Code: smtp; 550 5.1.1 <" + recipient + ">: User unknown\r\n\r\n"
                + "--R--\r\n";
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.net";
    }
}
