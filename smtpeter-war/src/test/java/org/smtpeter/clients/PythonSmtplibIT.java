package org.smtpeter.clients;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.smtpeter.testing.Mails;
import org.smtpeter.testing.Relay;
import org.smtpeter.testing.RelayExtension;
import org.smtpeter.testing.SmtpSink;
import org.smtpeter.testing.TestCredential;

/**
 * Submission with Python's standard smtplib, the way Python applications (Django, scripts,
 * cron jobs) send mail. The client is src/test/python/submit.py, run as a real subprocess.
 */
@ExtendWith(RelayExtension.class)
class PythonSmtplibIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String PYTHON = System.getProperty("smtpeter.it.python", "python3");
    /** The AUTH throttle counts failures per client address: failing tests connect from their own. */
    private static final String WRONG_PASSWORD_SOURCE = "127.0.0.21";
    private static final String AUTH_BEFORE_TLS_SOURCE = "127.0.0.22";

    @TempDir
    Path dir;

    private Relay relay;

    @BeforeEach
    void relay(Relay relay) {
        this.relay = relay;
    }

    @Test
    void startTlsWithDefaultLoginUsesPlainAndSendmailReachesTwoRecipients() throws Exception {
        TestCredential credential = relay.newCredential();
        String sender = Mails.uniqueSender();
        byte[] raw = asciiMessage(sender, "first@example.net", "smtplib STARTTLS");

        Run run = submit(raw, "--port", port(relay.submissionPort()), "--tls", "starttls", "--auth", "plain",
                "--user", credential.username(), "--password", credential.password(),
                "--from", sender, "--to", "first@example.net", "--to", "second@example.org");

        run.assertExit(0);
        List<JsonObject> ehlos = run.steps("EHLO");
        assertEquals(2, ehlos.size(), run.describe());
        assertTrue(features(ehlos.get(0)).contains("starttls"), "first EHLO must offer STARTTLS\n" + run.describe());
        assertEquals(JsonValue.NULL, ehlos.get(0).get("auth"), "no AUTH before TLS\n" + run.describe());
        assertFalse(features(ehlos.get(1)).contains("starttls"), "no STARTTLS once secure\n" + run.describe());
        assertEquals("PLAIN LOGIN", ehlos.get(1).getString("auth"), run.describe());
        assertEquals(220, run.steps("STARTTLS").get(0).getInt("code"), run.describe());
        JsonObject auth = run.single("AUTH");
        assertEquals("PLAIN", auth.getString("mechanism"), "smtplib prefers PLAIN\n" + run.describe());
        assertEquals(235, auth.getInt("code"), run.describe());
        assertEquals("2.7.0 Authentication successful", auth.getString("text"), run.describe());
        List<JsonObject> rcpts = run.steps("RCPT");
        assertEquals(2, rcpts.size(), run.describe());
        rcpts.forEach(rcpt -> assertEquals(250, rcpt.getInt("code"), run.describe()));
        assertEquals(0, run.json().getJsonObject("refused").size(), run.describe());

        String id = run.onlyQueuedId();
        assertArrayEquals(raw, relay.rawMessage(id), "stored bytes differ from the bytes smtplib was given");
        JsonObject message = relay.message(id);
        assertEquals(sender, message.getString("sender"));
        assertEquals(credential.username(), message.getString("credential"));
        assertEquals("submission", message.getString("listener"));
        assertEquals("python-smtplib.test", message.getString("clientHelo"));
        assertEquals(run.json().getString("tls"), message.getString("tlsProtocol"),
                "the server records the TLS version the client negotiated");
        assertEquals(List.of("first@example.net", "second@example.org"), addresses(message));
        assertEquals(raw.length, message.getJsonNumber("size").longValue());
    }

    @Test
    void implicitTlsWithAuthLogin() throws Exception {
        TestCredential credential = relay.newCredential();
        String sender = Mails.uniqueSender();
        byte[] raw = asciiMessage(sender, "login@example.net", "smtplib SMTP_SSL and LOGIN");

        Run run = submit(raw, "--port", port(relay.smtpsPort()), "--tls", "implicit", "--auth", "login",
                "--user", credential.username(), "--password", credential.password(),
                "--from", sender, "--to", "login@example.net");

        run.assertExit(0);
        assertTrue(run.json().getString("tls").startsWith("TLSv1."), run.describe());
        assertTrue(run.steps("STARTTLS").isEmpty(), run.describe());
        assertEquals("PLAIN LOGIN", run.steps("EHLO").get(0).getString("auth"),
                "implicit TLS offers AUTH in the first EHLO\n" + run.describe());
        JsonObject auth = run.single("AUTH");
        assertEquals("LOGIN", auth.getString("mechanism"), run.describe());
        assertEquals(235, auth.getInt("code"), run.describe());

        String id = run.onlyQueuedId();
        assertArrayEquals(raw, relay.rawMessage(id));
        JsonObject message = relay.message(id);
        assertEquals("smtps", message.getString("listener"));
        assertEquals(credential.username(), message.getString("credential"));
        assertEquals(sender, message.getString("sender"));
        assertEquals(List.of("login@example.net"), addresses(message));
    }

    @Test
    void dotLinesAndEightBitUtf8ArriveByteForByte() throws Exception {
        TestCredential credential = relay.newCredential();
        String sender = Mails.uniqueSender();
        byte[] raw = ("From: <" + sender + ">\r\n"
                + "To: <utf8@example.net>\r\n"
                + "Subject: dots and 8bit\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n"
                + "\r\n"
                + ".a line that starts with a dot\r\n"
                + "..two dots\r\n"
                + ".\r\n"
                + "the line above is a single dot and must not end the message\r\n"
                + "Grüße aus Köln, ça va? Ελληνικά, 日本語, emoji \uD83D\uDCE8\r\n"
                + " .indented dot\r\n"
                + ".\tdot and tab\r\n"
                + "...\r\n"
                + "last line\r\n").getBytes(StandardCharsets.UTF_8);

        Run run = submit(raw, "--port", port(relay.submissionPort()), "--tls", "starttls",
                "--user", credential.username(), "--password", credential.password(),
                "--from", sender, "--to", "utf8@example.net", "--mail-option", "BODY=8BITMIME");

        run.assertExit(0);
        assertTrue(features(run.steps("EHLO").get(1)).contains("8bitmime"), run.describe());
        JsonObject mail = run.single("MAIL");
        assertEquals(250, mail.getInt("code"), run.describe());
        // sendmail adds size=<n> itself because the server offers SIZE.
        assertTrue(strings(mail.getJsonArray("options")).contains("BODY=8BITMIME"), run.describe());

        String id = run.onlyQueuedId();
        assertArrayEquals(raw, relay.rawMessage(id),
                "dot-stuffing must be undone and 8-bit bytes kept exactly\nstored:\n"
                        + new String(relay.rawMessage(id), StandardCharsets.UTF_8));
        JsonObject message = relay.message(id);
        assertEquals("8BITMIME", message.getString("body"));
        assertEquals(raw.length, message.getJsonNumber("size").longValue());
    }

    @Test
    void wrongPasswordIsRefusedWith535() throws Exception {
        TestCredential credential = relay.newCredential();
        String sender = Mails.uniqueSender();

        Run run = submit(asciiMessage(sender, "x@example.net", "wrong password"),
                "--port", port(relay.submissionPort()), "--tls", "starttls", "--source-address", WRONG_PASSWORD_SOURCE,
                "--user", credential.username(), "--password", credential.password() + "x",
                "--from", sender, "--to", "x@example.net");

        run.assertExit(2);
        JsonObject error = run.json().getJsonObject("error");
        assertEquals("SMTPAuthenticationError", error.getString("type"), run.describe());
        assertEquals(535, error.getInt("code"), run.describe());
        assertEquals("5.7.8 Authentication credentials invalid", error.getString("text"), run.describe());
        // smtplib tries every mechanism both sides know: PLAIN, then LOGIN; both must fail.
        List<JsonObject> auths = run.steps("AUTH");
        assertEquals(List.of("PLAIN", "LOGIN"), auths.stream().map(a -> a.getString("mechanism")).toList(),
                run.describe());
        auths.forEach(auth -> assertEquals(535, auth.getInt("code"), run.describe()));
        assertTrue(run.steps("MAIL").isEmpty(), run.describe());
        assertEquals(0, relay.messagesFrom(sender).size());
    }

    @Test
    void withoutLoginEveryRecipientIsRefusedWith530() throws Exception {
        String sender = Mails.uniqueSender();

        Run run = submit(asciiMessage(sender, "victim@example.net", "open relay?"),
                "--port", port(relay.submissionPort()), "--tls", "starttls", "--auth", "none",
                "--from", sender, "--to", "victim@example.net", "--to", "other@example.org");

        run.assertExit(2);
        JsonObject error = run.json().getJsonObject("error");
        assertEquals("SMTPRecipientsRefused", error.getString("type"), run.describe());
        JsonObject refused = error.getJsonObject("recipients");
        assertEquals(2, refused.size(), run.describe());
        for (String recipient : List.of("victim@example.net", "other@example.org")) {
            JsonArray reply = refused.getJsonArray(recipient);
            assertNotNull(reply, recipient + " should be refused\n" + run.describe());
            assertEquals(530, reply.getInt(0), run.describe());
            assertEquals("5.7.0 Authentication required", reply.getString(1), run.describe());
        }
        assertEquals(250, run.single("MAIL").getInt("code"), "MAIL FROM itself is fine\n" + run.describe());
        assertTrue(run.steps("DATA").isEmpty(), run.describe());
        assertEquals(0, relay.messagesFrom(sender).size());
    }

    @Test
    void authBeforeStartTlsIsRefusedWith538EvenWithTheRightPassword() throws Exception {
        TestCredential credential = relay.newCredential();
        String sender = Mails.uniqueSender();

        Run run = submit(asciiMessage(sender, "x@example.net", "unused"),
                "--scenario", "auth-before-starttls", "--port", port(relay.submissionPort()), "--tls", "none",
                "--source-address", AUTH_BEFORE_TLS_SOURCE,
                "--user", credential.username(), "--password", credential.password(),
                "--from", sender, "--to", "x@example.net");

        run.assertExit(0);
        JsonObject before = run.json().getJsonObject("authBeforeTls");
        assertEquals(538, before.getInt("code"), run.describe());
        assertTrue(before.getString("text").startsWith("5.7.11 "), run.describe());
        assertEquals(JsonValue.NULL, run.steps("EHLO").get(0).get("auth"), run.describe());
        // The refusal does not spoil the connection: STARTTLS, then the same credentials work.
        assertTrue(run.json().getString("tls").startsWith("TLSv1."), run.describe());
        JsonObject auth = run.steps("AUTH").get(1);
        assertEquals(235, auth.getInt("code"), run.describe());
    }

    @Test
    void dsnParametersOfMailAndRcptAreStored() throws Exception {
        TestCredential credential = relay.newCredential();
        String sender = Mails.uniqueSender();
        byte[] raw = asciiMessage(sender, "dsn@example.net", "DSN parameters");

        Run run = submit(raw, "--scenario", "explicit", "--port", port(relay.submissionPort()), "--tls", "starttls",
                "--user", credential.username(), "--password", credential.password(),
                "--from", sender, "--to", "dsn@example.net",
                "--mail-option", "RET=HDRS", "--mail-option", "ENVID=abc+2Bdef",
                "--rcpt-option", "NOTIFY=SUCCESS,FAILURE", "--rcpt-option", "ORCPT=rfc822;orig@example.net");

        run.assertExit(0);
        assertTrue(features(run.steps("EHLO").get(1)).contains("dsn"), run.describe());
        assertEquals(250, run.single("MAIL").getInt("code"), run.describe());
        assertEquals(250, run.single("RCPT").getInt("code"), run.describe());

        String id = run.onlyQueuedId();
        assertArrayEquals(raw, relay.rawMessage(id));
        JsonObject message = relay.message(id);
        assertEquals("HDRS", message.getString("ret"));
        assertEquals("abc+2Bdef", message.getString("envid"), "ENVID is kept as the xtext the client sent");
        JsonObject recipient = message.getJsonArray("recipients").getJsonObject(0);
        assertEquals("dsn@example.net", recipient.getString("address"));
        assertEquals("SUCCESS,FAILURE", recipient.getString("notifyConditions"));
        assertEquals("rfc822;orig@example.net", recipient.getString("originalRecipient"));
    }

    @Test
    void pipelinedMailRcptAndDataGetTheirRepliesInOrder() throws Exception {
        TestCredential credential = relay.newCredential();
        String sender = Mails.uniqueSender();
        byte[] raw = asciiMessage(sender, "p1@example.net", "pipelined\r\n.with a dot line");

        Run run = submit(raw, "--scenario", "pipelined", "--port", port(relay.submissionPort()), "--tls", "starttls",
                "--user", credential.username(), "--password", credential.password(),
                "--from", sender, "--to", "p1@example.net", "--to", "p2@example.org",
                "--mail-option", "RET=FULL", "--mail-option", "ENVID=pipe1",
                "--rcpt-option", "NOTIFY=NEVER");

        run.assertExit(0);
        assertTrue(features(run.steps("EHLO").get(1)).contains("pipelining"), run.describe());
        JsonArray replies = run.json().getJsonArray("pipelined");
        assertEquals(4, replies.size(), run.describe());
        assertEquals(List.of(250, 250, 250, 354),
                replies.getValuesAs(JsonObject.class).stream().map(r -> r.getInt("code")).toList(), run.describe());
        assertEquals("2.1.0 Sender OK", replies.getJsonObject(0).getString("text"), run.describe());

        String id = run.onlyQueuedId();
        assertArrayEquals(raw, relay.rawMessage(id));
        JsonObject message = relay.message(id);
        assertEquals("FULL", message.getString("ret"));
        assertEquals("pipe1", message.getString("envid"));
        assertEquals(List.of("p1@example.net", "p2@example.org"), addresses(message));
        for (JsonObject recipient : message.getJsonArray("recipients").getValuesAs(JsonObject.class)) {
            assertEquals("NEVER", recipient.getString("notifyConditions"));
        }
    }

    /**
     * What {@code email.message.as_bytes()} gives and applications pass to {@code sendmail}: Unix
     * line ends. Each is stored, and reaches the smart host, with CRLF; smtplib dot-stuffs lines after
     * a bare LF, which the relay undoes. smtplib ends the data with CRLF.CRLF after the last LF, so
     * the message gains one empty line at its end (as with Postfix).
     */
    @Test
    void sendmailOfBytesWithUnixLineEndsArrivesWithCrlf() throws Exception {
        TestCredential credential = relay.newCredential();
        String sender = Mails.uniqueSender();
        String recipient = "unix-" + java.util.UUID.randomUUID() + "@example.net";
        String body = "Sent as bytes with bare LFs.\n.a line that starts with a dot\n..two dots\n\nBye.\n";
        byte[] lf = unixMessage(sender, recipient, "bare LF", body);

        Run run = submit(lf, "--port", port(relay.submissionPort()), "--tls", "starttls",
                "--user", credential.username(), "--password", credential.password(),
                "--from", sender, "--to", recipient);

        run.assertExit(0);
        byte[] expected = storedWithCrlf(lf);
        assertArrayEquals(expected, relay.rawMessage(run.onlyQueuedId()), "stored with CRLF, dot-stuffing undone");
        assertArrivedWithCrlf(relay, recipient, expected);
    }

    /** The case: a large message with bare LFs used to be cut off mid-write; now it is taken whole. */
    @Test
    void fourMegabyteMessageWithUnixLineEndsArrivesWithCrlf() throws Exception {
        SmtpSink sink = new SmtpSink(); // the shared relay's size limit is 2 MiB: this one has a relay of its own
        Relay large = Relay.start("smtplib-large", sink, Map.of(
                "smtpeter.delivery.smarthost", "127.0.0.1:" + sink.port(),
                "smtpeter.limits.max-message-size", String.valueOf(8 * 1024 * 1024)));
        try {
            TestCredential credential = large.newCredential();
            String sender = Mails.uniqueSender();
            String recipient = "large-" + java.util.UUID.randomUUID() + "@example.net";
            byte[] lf = unixMessage(sender, recipient, "4 MB with bare LF", base64Lines(4 * 1024 * 1024));

            Run run = submit(lf, "--port", port(large.submissionPort()), "--tls", "starttls",
                    "--user", credential.username(), "--password", credential.password(),
                    "--from", sender, "--to", recipient);

            run.assertExit(0);
            byte[] expected = storedWithCrlf(lf);
            assertArrayEquals(expected, large.rawMessage(run.onlyQueuedId()));
            assertArrivedWithCrlf(large, recipient, expected);
        } finally {
            large.close(); // closes the sink too
        }
    }

    /** curl --upload-file of a file with Unix line ends, as its documentation shows for SMTP. */
    @Test
    void curlUploadOfAFileWithUnixLineEndsArrivesWithCrlf() throws Exception {
        assertTrue(ExternalProcess.onPath("curl").isPresent(), "curl is needed (installed in .ci/run)");
        TestCredential credential = relay.newCredential();
        String sender = Mails.uniqueSender();
        String recipient = "curl-" + java.util.UUID.randomUUID() + "@example.net";
        byte[] lf = unixMessage(sender, recipient, "curl upload", "Uploaded by curl.\n\nwith Unix line ends\n");
        Path file = Files.write(dir.resolve("unix.eml"), lf);

        ExternalProcess.Result result = ExternalProcess.run(TIMEOUT, List.of("curl", "--silent", "--show-error",
                "--ssl-reqd", "--insecure", "smtp://127.0.0.1:" + relay.submissionPort(),
                "--user", credential.username() + ":" + credential.password(),
                "--mail-from", sender, "--mail-rcpt", recipient, "--upload-file", file.toString()));

        assertEquals(0, result.exitCode(), result.toString());
        JsonArray stored = relay.messagesFrom(sender);
        assertEquals(1, stored.size(), stored.toString());
        byte[] expected = storedWithCrlf(lf);
        assertArrayEquals(expected, relay.rawMessage(stored.getJsonObject(0).getString("id")));
        assertArrivedWithCrlf(relay, recipient, expected);
    }

    // ---------------------------------------------------------------------------------------

    /** A 7-bit message with CRLF line ends (smtplib sends bytes as they are). */
    private static byte[] asciiMessage(String from, String to, String subject) {
        String[] subjectLines = subject.split("\r\n", 2);
        return ("From: <" + from + ">\r\n"
                + "To: <" + to + ">\r\n"
                + "Subject: " + subjectLines[0] + "\r\n"
                + "Message-ID: <" + java.util.UUID.randomUUID() + "@it.example.org>\r\n"
                + "\r\n"
                + "Sent by Python's smtplib.\r\n"
                + (subjectLines.length > 1 ? subjectLines[1] + "\r\n" : "")
                + "Bye.\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** A message with Unix line ends, as email.message.as_bytes() and text files have. */
    private static byte[] unixMessage(String from, String to, String subject, String body) {
        return ("From: <" + from + ">\n"
                + "To: <" + to + ">\n"
                + "Subject: " + subject + "\n"
                + "Message-ID: <" + java.util.UUID.randomUUID() + "@it.example.org>\n"
                + "\n" + body).getBytes(StandardCharsets.US_ASCII);
    }

    /** About {@code size} octets of base64-like text in 76-character lines ending in LF. */
    private static String base64Lines(int size) {
        byte[] random = new byte[size * 3 / 4];
        new java.util.Random(18).nextBytes(random);
        return java.util.Base64.getMimeEncoder(76, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(random) + "\n";
    }

    /**
     * What is stored for a message with Unix line ends: every LF as CRLF, and one empty line more,
     * because smtplib and curl end data that does not end in CRLF with CRLF.CRLF.
     */
    private static byte[] storedWithCrlf(byte[] lf) {
        return (new String(lf, StandardCharsets.ISO_8859_1).replace("\n", "\r\n") + "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    /** At the smart host: CRLF everywhere and the body as stored (the relay may add header fields). */
    private static void assertArrivedWithCrlf(Relay relay, String recipient, byte[] stored) throws InterruptedException {
        SmtpSink.Received arrived = relay.sink().awaitFor(recipient, Relay.MAX_DELIVERY_TIME);
        byte[] data = arrived.data();
        for (int i = 0; i < data.length; i++) {
            boolean bareCr = data[i] == '\r' && (i + 1 == data.length || data[i + 1] != '\n');
            boolean bareLf = data[i] == '\n' && (i == 0 || data[i - 1] != '\r');
            assertFalse(bareCr || bareLf, "bare CR or LF at octet " + i + " of the message at the sink");
        }
        String storedText = new String(stored, StandardCharsets.ISO_8859_1);
        String arrivedText = new String(data, StandardCharsets.ISO_8859_1);
        String body = storedText.substring(storedText.indexOf("\r\n\r\n"));
        assertTrue(arrivedText.endsWith(body), "the body arrives intact at the sink");
    }

    private Run submit(byte[] message, String... arguments) throws Exception {
        Path file = Files.createTempFile(dir, "message-", ".eml");
        Files.write(file, message);
        Path script = ExternalProcess.moduleDir().resolve("src/test/python/submit.py");
        assertTrue(Files.isRegularFile(script), "missing " + script);
        List<String> command = new ArrayList<>(List.of(PYTHON, script.toString(), "--message-file", file.toString()));
        command.addAll(List.of(arguments));
        return new Run(ExternalProcess.run(TIMEOUT, command));
    }

    private static String port(int port) {
        return String.valueOf(port);
    }

    private static List<String> features(JsonObject ehlo) {
        return strings(ehlo.getJsonArray("features"));
    }

    private static List<String> strings(JsonArray array) {
        return array.getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList();
    }

    private static List<String> addresses(JsonObject message) {
        return message.getJsonArray("recipients").getValuesAs(JsonObject.class).stream()
                .map(r -> r.getString("address")).toList();
    }

    /** One run of submit.py and its JSON report. */
    private static final class Run {
        private final ExternalProcess.Result result;
        private JsonObject json;

        Run(ExternalProcess.Result result) {
            this.result = result;
        }

        String describe() {
            return result.toString();
        }

        void assertExit(int expected) {
            assertEquals(expected, result.exitCode(), "unexpected exit code of submit.py\n" + describe());
        }

        JsonObject json() {
            if (json == null) {
                try {
                    json = Json.createReader(new StringReader(result.stdout())).readObject();
                } catch (JsonParsingException | IllegalStateException e) {
                    throw new AssertionError("submit.py did not print a JSON object\n" + describe(), e);
                }
            }
            return json;
        }

        List<JsonObject> steps(String command) {
            return json().getJsonArray("transcript").getValuesAs(JsonObject.class).stream()
                    .filter(step -> command.equals(step.getString("command"))).toList();
        }

        JsonObject single(String command) {
            List<JsonObject> steps = steps(command);
            assertEquals(1, steps.size(), "expected one " + command + "\n" + describe());
            return steps.get(0);
        }

        String onlyQueuedId() {
            JsonArray ids = json().getJsonArray("queuedIds");
            assertEquals(1, ids.size(), "expected one queued message\n" + describe());
            JsonObject data = steps("DATA").get(steps("DATA").size() - 1);
            assertEquals(250, data.getInt("code"), describe());
            assertTrue(data.getString("text").startsWith("2.0.0 OK: queued as "), describe());
            return ids.getString(0);
        }
    }
}
