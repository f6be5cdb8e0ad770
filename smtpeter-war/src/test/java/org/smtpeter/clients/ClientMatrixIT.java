package org.smtpeter.clients;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.TestAbortedException;
import org.smtpeter.testing.Mails;
import org.smtpeter.testing.Relay;
import org.smtpeter.testing.PostgreSql;
import org.smtpeter.testing.RelayExtension;
import org.smtpeter.testing.SmtpSink;
import org.smtpeter.testing.TestCredential;

/**
 * Every SMTP client people send with, as its users configure it, through STARTTLS on submission
 * and implicit TLS on smtps, with AUTH PLAIN and AUTH LOGIN; each message is checked where the
 * relay delivers it: features applied to the HTML part, x-smtpeter-* headers gone, text and
 * attachment intact. The clients and their scripts are fixtures in src/test/resources/clients
 * (matrix.txt lists them); the examples in docs/sending.md come from those scripts. At the end the matrix
 * prints its table: client, TLS mode, AUTH mechanism, result.
 *
 * <p>A client that is not installed fails the test under CI=true (.ci/run installs them all) and
 * is skipped with the reason otherwise. Clients that send bare LFs (smtplib's sendmail with
 * bytes, curl with a Unix file) see them normalised to CRLF, as Postfix does.
 *
 * <p>It runs in the H2 pass only: what it tests (the clients' SMTP and TLS) is the same on every
 * database, and the PostgreSQL pass is the longer one.
 */
@ExtendWith(RelayExtension.class)
class ClientMatrixIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TEXT = "Hello from the client matrix.";
    private static final String DOT_LINE = ".A line that starts with a dot stays.";
    private static final boolean CI = "true".equals(System.getenv("CI"));
    /** -Dsmtpeter.it.matrix-clients=Exim,Go runs only the clients whose names start so. */
    private static final List<String> ONLY = Stream.of(System.getProperty("smtpeter.it.matrix-clients", "").split(","))
            .map(String::strip).filter(name -> !name.isEmpty()).toList();
    private static final MatrixTable TABLE = new MatrixTable();

    @TempDir
    static Path work;

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (MatrixClient client : MatrixClient.read(clientsDir().resolve("matrix.txt"), placeholders())) {
            if (!ONLY.isEmpty() && ONLY.stream().noneMatch(client.name()::startsWith)) {
                continue;
            }
            for (String tls : List.of("starttls", "smtps")) {
                for (String mechanism : List.of("PLAIN", "LOGIN")) {
                    cases.add(Arguments.of(client, tls, mechanism));
                }
            }
        }
        return cases.stream();
    }

    @BeforeAll
    static void installNodemailer() throws Exception {
        Assumptions.assumeFalse(PostgreSql.inUse(), "the SMTP clients are tested in the H2 pass");
        Path nodemailer = clientsDir().resolve("nodemailer");
        if (ExternalProcess.onPath("npm").isPresent() && !Files.isDirectory(nodemailer.resolve("node_modules"))) {
            ExternalProcess.Result npm = ExternalProcess.run(Duration.ofMinutes(2), List.of("npm", "ci", "--prefix",
                    nodemailer.toString(), "--no-audit", "--no-fund", "--silent"));
            assertEquals(0, npm.exitCode(), "npm ci of the Nodemailer fixture failed\n" + npm);
        }
    }

    @AfterAll
    static void printTable() {
        System.out.println("\nClient matrix (ClientMatrixIT):\n" + TABLE.render());
    }

    @ParameterizedTest(name = "{0}, {1}, AUTH {2}")
    @MethodSource("matrix")
    void sendsThroughTheRelay(MatrixClient client, String tls, String mechanism, Relay relay) throws Exception {
        try {
            precondition(client, mechanism);
            send(client, tls, mechanism, relay);
            TABLE.add(client.name(), tls, mechanism, "passed");
        } catch (TestAbortedException e) {
            TABLE.add(client.name(), tls, mechanism, e.getMessage().replaceFirst("^Assumption failed: ", ""));
            throw e;
        } catch (Exception | AssertionError e) {
            TABLE.add(client.name(), tls, mechanism, "FAILED: " + firstLine(e.getMessage()));
            throw e;
        }
    }

    private static void precondition(MatrixClient client, String mechanism) {
        String cannot = client.cannot().get(mechanism);
        Assumptions.assumeTrue(cannot == null, () -> "client cannot: " + cannot);
        List<String> missing = client.missing();
        if (!missing.isEmpty()) {
            String message = "not installed: " + String.join(", ", missing) + " (.ci/run installs it)";
            if (CI) {
                fail(message);
            }
            Assumptions.abort(message);
        }
    }

    private void send(MatrixClient client, String tls, String mechanism, Relay relay) throws Exception {
        TestCredential credential = relay.newCredential();
        String sender = Mails.uniqueSender();
        String recipient = "matrix-" + UUID.randomUUID() + "@example.net";
        int port = tls.equals("smtps") ? relay.smtpsPort() : relay.submissionPort();
        List<String> command = new ArrayList<>(client.command());
        command.addAll(List.of("127.0.0.1", String.valueOf(port), tls, mechanism, credential.username(),
                credential.password(), sender, recipient, input(client.sends()).toString()));

        ExternalProcess.Result run = ExternalProcess.run(TIMEOUT, command);
        String transcript = run.toString().replace(credential.password(), "<password>");

        assertEquals(0, run.exitCode(), "the client failed\n" + transcript);
        SmtpSink.Received received = relay.sink().awaitFor(recipient, WAIT);
        assertEquals(sender, relay.messagesFrom(sender).getJsonObject(0).getString("sender"));
        checkDelivered(client, received, transcript);
    }

    /** What the sink got: the features applied, the relay's headers gone, the content intact. */
    private static void checkDelivered(MatrixClient client, SmtpSink.Received received, String transcript)
            throws Exception {
        String context = "\n--- delivered ---\n" + received.text() + "\n" + transcript;
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(received.data()));
        for (Header header : Collections.list(message.getAllHeaders())) {
            assertFalse(header.getName().toLowerCase().startsWith("x-smtpeter-"),
                    "the relay must remove " + header.getName() + context);
        }
        List<Part> leaves = new ArrayList<>();
        collectLeaves(message, leaves);
        String text = content(leaves, "text/plain", context);
        assertTrue(text.contains(TEXT), "text part" + context);
        if (client.sends().equals("eml")) {
            assertTrue(text.contains(DOT_LINE), "a line that starts with a dot is kept" + context);
        } else if (client.sends().equals("eml-lf")) {
            // curl dot-stuffs only after CRLF: after a bare LF the relay takes the line's dot for stuffing.
            assertTrue(text.contains(DOT_LINE.substring(1)), "the line after the dot is kept" + context);
        }
        if (client.html()) {
            String html = content(leaves, "text/html", context);
            assertTrue(html.contains("/t/c/"), "the link is tracked" + context);
            assertFalse(html.contains("href=\"https://example.com/welcome\""), "no untracked link" + context);
            assertTrue(html.contains("/t/o/"), "the open pixel is added" + context);
        }
        Part attachment = leaves.stream().filter(part -> isAttachment(part)).findFirst()
                .orElseThrow(() -> new AssertionError("no attachment" + context));
        assertArrayEquals(Files.readAllBytes(clientsDir().resolve("report.bin")),
                attachment.getInputStream().readAllBytes(), "the attachment is byte-identical" + context);
    }

    private static void collectLeaves(Part part, List<Part> leaves) throws Exception {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collectLeaves(child, leaves);
            }
        } else {
            leaves.add(part);
        }
    }

    private static String content(List<Part> leaves, String type, String context) throws Exception {
        for (Part part : leaves) {
            if (part.isMimeType(type) && !isAttachment(part)) {
                return new String(part.getInputStream().readAllBytes(), charset(part));
            }
        }
        throw new AssertionError("no " + type + " part" + context);
    }

    private static boolean isAttachment(Part part) {
        try {
            return "report.bin".equals(part.getFileName());
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static java.nio.charset.Charset charset(Part part) throws Exception {
        String charset = new jakarta.mail.internet.ContentType(part.getContentType()).getParameter("charset");
        return charset == null ? StandardCharsets.US_ASCII : java.nio.charset.Charset.forName(charset);
    }

    /** The file a client is given: the message, its copy with Unix line ends, or the attachment. */
    private static Path input(String sends) throws Exception {
        return switch (sends) {
            case "eml" -> clientsDir().resolve("message.eml");
            case "attachment" -> clientsDir().resolve("report.bin");
            case "eml-lf" -> {
                Path unix = work.resolve("message-lf.eml");
                String crlf = Files.readString(clientsDir().resolve("message.eml"), StandardCharsets.US_ASCII);
                Files.writeString(unix, crlf.replace("\r\n", "\n"), StandardCharsets.US_ASCII);
                yield unix;
            }
            default -> throw new IllegalArgumentException("unknown message kind " + sends);
        };
    }

    private static Map<String, String> placeholders() {
        return Map.of(
                "dir", clientsDir().toString(),
                "java", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "classpath", System.getProperty("java.class.path"),
                "mta", System.getProperty("smtpeter.it.mta-root", "/opt/smtpeter-mta"));
    }

    /** The fixtures as Maven copied them to target/test-classes. */
    static Path clientsDir() {
        return ExternalProcess.moduleDir().resolve("target/test-classes/clients");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String line = message.strip().lines().findFirst().orElse("");
        return line.length() > 140 ? line.substring(0, 140) + "..." : line;
    }
}
