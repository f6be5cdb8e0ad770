package org.smtpeter.domains.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smtpeter.testing.ApiClient.expect;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smtpeter.testing.ApiClient;
import org.smtpeter.testing.DkimVerifier;
import org.smtpeter.testing.DkimVerifier.Verdict;
import org.smtpeter.testing.Mails;
import org.smtpeter.testing.RawSmtpClient;
import org.smtpeter.testing.Relay;
import org.smtpeter.testing.SmtpSink;
import org.smtpeter.testing.TestCredential;
import org.smtpeter.testing.TestDns;

/**
 * Sender domains end to end on Payara Micro: an account adds {@code example.com} with an RSA and
 * an Ed25519 key, the test publishes exactly the records the API lists in its own DNS server, and
 * every message that reaches the next hop carries two signatures that python3-dkim verifies
 * against that server: plain text, HTML with every feature on, 8-bit, long headers, attachments,
 * and a message the customer had signed before. Then rotation, and the rule that an account sends
 * only from verified domains.
 */
class DkimSigningIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DOMAIN = "example.com";

    private static TestDns dns;
    private static Relay relay;
    private static ApiClient admin;
    private static TestCredential credential;
    private static String domainPath;

    @BeforeAll
    static void startRelayAndAddTheDomain() throws IOException {
        dns = new TestDns();
        // The customer's own key, under which the signature of presigned.eml was (supposedly) made.
        dns.txt("customer._domainkey." + DOMAIN, customerKeyRecord());
        SmtpSink sink = new SmtpSink();
        relay = Relay.start("dkim", sink, Map.of(
                "smtpeter.delivery.smarthost", "127.0.0.1:" + sink.port(),
                "smtpeter.delivery.dns-server", dns.address(),
                "smtpeter.hostname", "relay.smtpeter.test",
                "smtpeter.delivery.poll-interval-millis", "200"));
        admin = ApiClient.admin(relay);
        credential = relay.newCredential();
        JsonObject domain = object(expect(201, admin.post("/api/v1/accounts/" + credential.accountId() + "/domains",
                "{\"name\":\"Example.COM\",\"algorithms\":[\"rsa\",\"ed25519\"]}")));
        domainPath = "/api/v1/accounts/" + credential.accountId() + "/domains/" + domain.getJsonNumber("id").longValue();
        publishKeyRecords(domain);
    }

    @AfterAll
    static void stop() throws Exception {
        relay.close();
        dns.close();
    }

    @Test
    void theApiListsEveryRecordToPublishAndNoPrivateKey() {
        JsonObject domain = admin.object(domainPath);
        String text = domain.toString();

        assertEquals(DOMAIN, domain.getString("name"));
        assertEquals(List.of("dkim", "dkim", "spf", "bounce-mx", "tracking", "dmarc"), domain.getJsonArray("records")
                .getValuesAs(JsonObject.class).stream().map(record -> record.getString("purpose")).toList());
        JsonObject spf = record(domain, "spf");
        assertEquals("bounce." + DOMAIN, spf.getString("name"));
        assertEquals("v=spf1 a:relay.smtpeter.test -all", spf.getString("value"));
        assertEquals("10 relay.smtpeter.test.", record(domain, "bounce-mx").getString("value"));
        assertEquals("track." + DOMAIN, record(domain, "tracking").getString("name"));
        assertTrue(record(domain, "dmarc").getString("value").startsWith("v=DMARC1; p=none"), text);
        assertFalse(text.toLowerCase().contains("private"), text);
    }

    @Test
    void aCheckFindsThePublishedKeysAndVerifiesTheDomain() {
        JsonObject checked = object(expect(200, admin.post(domainPath + "/check", "")));

        assertTrue(checked.getBoolean("verified"), checked.toString());
        for (JsonObject record : checked.getJsonArray("records").getValuesAs(JsonObject.class)) {
            String expected = record.getString("purpose").equals("dkim") ? "found" : "missing";
            assertEquals(expected, record.getString("status"), record.toString());
        }
    }

    @Test
    void plainTextIsSignedWithBothKeys() throws Exception {
        assertSignedByBothKeys(sendAndReceive(fixture("dkim/plain.eml", "")));
    }

    @Test
    void htmlWithEveryFeatureOnIsSignedAfterTheFeaturesChangedIt() throws Exception {
        String features = "X-SMTPeter-InlineCss: true\r\nX-SMTPeter-TrackClicks: true\r\nX-SMTPeter-TrackOpens: true\r\n"
                + "X-SMTPeter-TrackBounces: true\r\nX-SMTPeter-PreventScam: true\r\n";
        byte[] arrived = sendAndReceive(fixture("mime/newsletter-alternative.eml", features));
        String text = new String(arrived, StandardCharsets.ISO_8859_1);

        assertTrue(text.contains("/t/c/") && text.contains("/t/o/"), "tracked: " + text);
        assertFalse(text.toLowerCase().contains("x-smtpeter-"), text);
        assertSignedByBothKeys(arrived);
    }

    @Test
    void eightBitMailFromASubdomainIsSignedAsTheRegisteredParent() throws Exception {
        assertSignedByBothKeys(sendAndReceive(fixture("dkim/eightbit.eml", "")));
    }

    @Test
    void longFoldedHeadersAreSigned() throws Exception {
        assertSignedByBothKeys(sendAndReceive(fixture("dkim/long-headers.eml", "")));
    }

    @Test
    void mailWithAttachmentsIsSigned() throws Exception {
        assertSignedByBothKeys(sendAndReceive(fixture("mime/mixed-pdf-attachment.eml", "X-SMTPeter-TrackClicks: true\r\n")));
    }

    @Test
    void theCustomersOwnSignatureFailsAndTheRelaysPass() throws Exception {
        List<Verdict> verdicts = DkimVerifier.verify(sendAndReceive(fixture("dkim/presigned.eml", "")), dns);

        assertEquals(3, verdicts.size(), verdicts.toString());
        assertTrue(verdicts.get(0).pass() && verdicts.get(1).pass(), verdicts.toString());
        assertEquals(new Verdict(DOMAIN, "customer", "rsa-sha256", false), verdicts.get(2));
    }

    @Test
    void mailFromAnotherDomainIsNotSigned() throws Exception {
        byte[] arrived = sendAndReceive(Mails.simple("app@other.test", "someone@example.net", "unsigned"));

        assertEquals(List.of(), DkimVerifier.verify(arrived, dns));
    }

    @Test
    void aRotatedKeySignsOnlyOnceItsRecordIsFound() throws Exception {
        TestCredential own = relay.newCredential();
        String path = "/api/v1/accounts/" + own.accountId() + "/domains";
        JsonObject domain = object(expect(201, admin.post(path, "{\"name\":\"rotate.test\"}")));
        path += "/" + domain.getJsonNumber("id").longValue();
        publishKeyRecords(domain);
        String first = domain.getJsonArray("keys").getJsonObject(0).getString("selector");
        Thread.sleep(1100); // a new selector per second

        JsonObject rotated = object(expect(200, admin.post(path + "/rotate", "")));
        String second = rotated.getJsonArray("keys").getJsonObject(1).getString("selector");
        assertEquals("published", rotated.getJsonArray("keys").getJsonObject(1).getString("state"));
        assertEquals(List.of(first), selectors(send(own, "rotate.test")), "not yet: its record is not published");

        publishKeyRecords(rotated);
        JsonObject checked = object(expect(200, admin.post(path + "/check", "")));
        assertEquals("retired", checked.getJsonArray("keys").getJsonObject(0).getString("state"));
        assertEquals("active", checked.getJsonArray("keys").getJsonObject(1).getString("state"));
        List<Verdict> verdicts = DkimVerifier.verify(send(own, "rotate.test"), dns);
        assertEquals(List.of(new Verdict("rotate.test", second, "rsa-sha256", true)), verdicts);
    }

    @Test
    void anAccountThatRequiresVerifiedDomainsHasMailFromOthersRefusedAndItsDomainsGoWithIt() throws Exception {
        TestCredential own = relay.newCredential();
        String accountPath = "/api/v1/accounts/" + own.accountId();
        JsonObject verified = object(expect(201, admin.post(accountPath + "/domains", "{\"name\":\"verified.test\"}")));
        publishKeyRecords(verified);
        expect(200, admin.post(accountPath + "/domains/" + verified.getJsonNumber("id").longValue() + "/check", ""));
        expect(201, admin.post(accountPath + "/domains", "{\"name\":\"unpublished.test\"}"));
        expect(200, admin.put(accountPath + "/domain-policy", "{\"requireVerified\":true}"));

        assertEquals("550 5.7.1 From domain other.test is not a verified sender domain of this account",
                submitReply(own, "app@other.test"));
        assertEquals("550 5.7.1 From domain unpublished.test is not a verified sender domain of this account",
                submitReply(own, "app@unpublished.test"));
        assertTrue(submitReply(own, "app@news.verified.test").startsWith("250 "));

        expect(200, admin.put(accountPath + "/domain-policy", "{\"requireVerified\":false}"));
        assertTrue(submitReply(own, "app@other.test").startsWith("250 "));

        // Its domains, keys and rule go with a deleted account.
        expect(204, admin.delete(accountPath));
        ApiClient.expectError(404, admin.get(accountPath + "/domains"));
    }

    @Test
    void badRequestsGetClearErrors() {
        String path = "/api/v1/accounts/" + credential.accountId() + "/domains";
        assertTrue(ApiClient.expectError(400, admin.post(path, "{\"name\":\"not a domain\"}")).toString()
                .contains("not a domain name"));
        assertTrue(ApiClient.expectError(400, admin.post(path, "{\"name\":\"example.com\"}")).toString()
                .contains("already has"));
        assertTrue(ApiClient.expectError(400, admin.post(path, "{\"name\":\"x.test\",\"algorithms\":[\"dsa\"]}"))
                .toString().contains("unknown algorithm"));
        ApiClient.expectError(404, admin.get(path + "/999999"));
    }

    private static void assertSignedByBothKeys(byte[] arrived) throws Exception {
        List<Verdict> verdicts = DkimVerifier.verify(arrived, dns);
        assertEquals(2, verdicts.size(), verdicts + "\n" + new String(arrived, StandardCharsets.ISO_8859_1));
        assertEquals(new Verdict(DOMAIN, verdicts.get(0).selector(), "rsa-sha256", true), verdicts.get(0),
                new String(arrived, StandardCharsets.ISO_8859_1));
        assertEquals(new Verdict(DOMAIN, verdicts.get(1).selector(), "ed25519-sha256", true), verdicts.get(1));
    }

    /** A key of the customer's own, not the one their old signature was made with: it fails. */
    private static String customerKeyRecord() {
        try {
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return "v=DKIM1; k=rsa; p=" + java.util.Base64.getEncoder()
                    .encodeToString(generator.generateKeyPair().getPublic().getEncoded());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes the DKIM records exactly as the API lists them. */
    private static void publishKeyRecords(JsonObject domain) {
        for (JsonObject record : domain.getJsonArray("records").getValuesAs(JsonObject.class)) {
            if (record.getString("purpose").equals("dkim")) {
                dns.remove(record.getString("name")).txt(record.getString("name"), record.getString("value"));
            }
        }
    }

    private static byte[] sendAndReceive(byte[] raw) throws Exception {
        String recipient = "dkim-" + UUID.randomUUID() + "@example.net";
        relay.submit(credential, Mails.uniqueSender(), raw, recipient);
        return relay.sink().awaitFor(recipient, WAIT).data();
    }

    private static byte[] send(TestCredential sender, String fromDomain) throws Exception {
        String recipient = "dkim-" + UUID.randomUUID() + "@example.net";
        relay.submit(sender, "app@" + fromDomain, Mails.simple("app@" + fromDomain, recipient, "rotation"), recipient);
        return relay.sink().awaitFor(recipient, WAIT).data();
    }

    private static List<String> selectors(byte[] arrived) throws Exception {
        return DkimVerifier.verify(arrived, dns).stream().map(Verdict::selector).toList();
    }

    private static String submitReply(TestCredential sender, String from) throws IOException {
        String recipient = "dkim-" + UUID.randomUUID() + "@example.net";
        try (RawSmtpClient client = new RawSmtpClient(relay.submissionPort())) {
            client.login(sender.username(), sender.password());
            client.startData(from, recipient);
            client.write(Mails.dotStuffed(Mails.simple(from, recipient, "policy")));
            return client.command(".");
        }
    }

    private static JsonObject record(JsonObject domain, String purpose) {
        return domain.getJsonArray("records").getValuesAs(JsonObject.class).stream()
                .filter(record -> record.getString("purpose").equals(purpose)).findFirst().orElseThrow();
    }

    private static JsonObject object(java.net.http.HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    /** A fixture as a client sends it: CRLF line ends, {@code extraHeaders} on top. */
    private static byte[] fixture(String name, String extraHeaders) throws IOException {
        try (InputStream in = DkimSigningIT.class.getClassLoader().getResourceAsStream(name)) {
            String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).replace("\r\n", "\n").replace("\n", "\r\n");
            // Over SMTP the data always ends with a line end; the unit test signs a body without one.
            return (extraHeaders + text + (text.endsWith("\r\n") ? "" : "\r\n")).getBytes(StandardCharsets.ISO_8859_1);
        }
    }
}
