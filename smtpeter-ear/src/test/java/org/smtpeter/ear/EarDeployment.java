package org.smtpeter.ear;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.mail.Session;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.smtpeter.testing.PostgreSql;
import org.smtpeter.testing.SmtpSink;

/**
 * The EAR on a real Payara Server, set up as docs/operations.md tells an operator: a settings file
 * rendered into server-config/server/*.asadmin by render.sh, the secrets stored by
 * password-aliases.sh, each file run with asadmin multimode, a restart for the JDBC driver, then
 * the deployment as smtpeter-ear. The test adds only what a test needs: an {@link SmtpSink} as the
 * smart host, fast retries and a cheap password hash. Closing it stops the domain.
 */
final class EarDeployment implements ExtensionContext.Store.CloseableResource {

    static final String APPLICATION = "smtpeter-ear";
    private static final String SCHEMA = "smtpeter_it_ear";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

    private final Path workDir = Path.of(required("smtpeter.it.work-dir"));
    private final Path serverConfig = Path.of(required("smtpeter.it.server-config"));
    private final String adminToken = UUID.randomUUID().toString();
    private final String keystorePassword = "ear-it-keystore-" + UUID.randomUUID();
    private final Map<String, Long> timings = new LinkedHashMap<>();
    private final PayaraServer server;
    private final SmtpSink sink;
    private final Thread stopOnExit;

    private EarDeployment() throws IOException {
        server = new PayaraServer(Path.of(required("smtpeter.it.payara-home")), workDir);
        sink = new SmtpSink();
        // If the test JVM is told to exit early (a failsafe timeout), the domain must not outlive it.
        stopOnExit = new Thread(server::stop, "stop-payara-domain");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /** Sets everything up; on any failure the domain is stopped again before the error is thrown. */
    static EarDeployment start() {
        EarDeployment deployment = null;
        try {
            deployment = new EarDeployment();
            deployment.setUp();
            return deployment;
        } catch (IOException | SQLException | RuntimeException e) {
            if (deployment != null) {
                deployment.close();
            }
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
    }

    private void setUp() throws IOException, SQLException {
        PostgreSql.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        PostgreSql.execute("CREATE SCHEMA " + SCHEMA);
        timed("create-domain", server::createDomain);
        timed("start-domain", server::start);
        timed("configure", this::configure);
        timed("restart-domain", server::restart);
        timed("deploy", () -> server.remote(Duration.ofMinutes(5), "deploy", "--name", APPLICATION,
                required("smtpeter.it.ear")));
        timed("ready", this::awaitReady);
    }

    /** The operator's steps: render the scripts, store the secrets, run the scripts in order. */
    private void configure() throws IOException {
        Path settings = workDir.resolve("smtpeter-it.properties");
        Files.writeString(settings, settings().entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining("\n", "", "\n")));
        Path rendered = workDir.resolve("asadmin");
        server.script(serverConfig.resolve("render.sh"), Map.of(), settings.toString(), rendered.toString());
        server.script(serverConfig.resolve("password-aliases.sh"), Map.of(
                "SMTPETER_DB_PASSWORD", System.getProperty("smtpeter.it.db.password", "postgres"),
                "SMTPETER_ADMIN_TOKEN", adminToken,
                "SMTPETER_TRACKING_SECRET", "ear-it-tracking-secret-" + UUID.randomUUID(),
                "SMTPETER_TLS_KEYSTORE_PASSWORD", keystorePassword),
                "--port", String.valueOf(server.adminPort()));
        // The files in order, then the test's own settings, in one multimode run: the same commands
        // as one run per file, without paying for a client start and login per file.
        StringBuilder commands = new StringBuilder();
        try (var files = Files.list(rendered)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".asadmin")).sorted().toList()) {
                commands.append(Files.readString(file)).append('\n');
            }
        }
        commands.append(testOverrides());
        Path all = workDir.resolve("all.asadmin");
        Files.writeString(all, commands);
        server.multimode(all);
    }

    /** The values for the placeholders of server-config/server/*.asadmin. */
    private Map<String, String> settings() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("postgresql.jar", required("smtpeter.it.postgresql-jar"));
        values.put("db.host", System.getProperty("smtpeter.it.db.host", "127.0.0.1"));
        values.put("db.port", System.getProperty("smtpeter.it.db.port", "5432"));
        values.put("db.name", System.getProperty("smtpeter.it.db.name", "test"));
        values.put("db.schema", SCHEMA);
        values.put("db.user", System.getProperty("smtpeter.it.db.user", "postgres"));
        values.put("db.max-connections", "16");
        values.put("adapter.max-threads", "64");
        values.put("smtpeter.hostname", "relay.test");
        values.put("smtpeter.bind-address", "127.0.0.1");
        values.put("smtpeter.submission.port", String.valueOf(submissionPort()));
        values.put("smtpeter.smtps.port", String.valueOf(server.port(PayaraServer.SMTPS_OFFSET)));
        values.put("smtpeter.mta.port", String.valueOf(server.port(PayaraServer.MTA_OFFSET)));
        // A MicroProfile Config expression: resolved by the server to its domain directory.
        values.put("smtpeter.tls.keystore", "${com.sun.aas.instanceRoot}/config/smtpeter-tls.p12");
        values.put("smtpeter.tls.dev-certificate", "true");
        values.put("smtpeter.bounces.domain", "bounces.relay.test");
        values.put("smtpeter.tracking.base-url", "http://127.0.0.1:" + server.httpPort());
        return values;
    }

    /** Settings an operator would not make: the sink as smart host, retries within a test's patience. */
    private String testOverrides() {
        Map<String, String> values = Map.of(
                "smtpeter.delivery.smarthost", "127.0.0.1:" + sink.port(),
                "smtpeter.delivery.retry-schedule", "PT1S,PT2S,PT4S",
                "smtpeter.delivery.poll-interval-millis", "200",
                "smtpeter.credentials.pbkdf2-iterations", "10000");
        return values.entrySet().stream()
                .map(entry -> "set-config-property --source=domain --propertyName=" + entry.getKey()
                        + " --propertyValue=" + entry.getValue())
                .collect(Collectors.joining("\n", "# Written by EarDeployment: what only the test needs.\n", "\n"));
    }

    /** Deployed means: readiness (SMTP listeners and database) says UP. */
    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = get("/health/ready", null);
                if (last.statusCode() == 200 && last.body().contains("\"UP\"")) {
                    return;
                }
            } catch (UncheckedIOException notListening) {
                // the HTTP listener is not up yet
            }
            sleep(500);
        }
        throw new IllegalStateException("not ready within " + READY_TIMEOUT + ": "
                + (last == null ? "no answer" : last.statusCode() + " " + last.body()) + "; see " + server.serverLog());
    }

    @Override
    public void close() {
        try {
            server.stop();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs already
            }
            try {
                sink.close();
            } catch (IOException e) {
                // the sink's threads end with the JVM
            }
            writeTimings();
        }
    }

    // --- what tests use ------------------------------------------------------------------------------

    RelayApi api() {
        return new RelayApi(URI.create("http://127.0.0.1:" + server.httpPort()), adminToken);
    }

    /** A GET with an optional bearer token. */
    HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A Jakarta Mail session for the submission port, STARTTLS required, AUTH on. */
    Session startTlsSession() {
        Properties props = new Properties();
        props.put("mail.transport.protocol", "smtp");
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(submissionPort()));
        props.put("mail.smtp.starttls.enable", "true");
        props.put("mail.smtp.starttls.required", "true");
        props.put("mail.smtp.auth", "true");
        // The development certificate the adapter made is self-signed; trust it explicitly.
        props.put("mail.smtp.ssl.trust", "127.0.0.1");
        props.put("mail.smtp.ssl.checkserveridentity", "false");
        props.put("mail.smtp.timeout", "30000");
        props.put("mail.smtp.connectiontimeout", "10000");
        return Session.getInstance(props);
    }

    /** A JMS client of the domain's embedded OpenMQ broker; close it when done. */
    OpenMqClient openMq() {
        return OpenMqClient.connect("127.0.0.1", server.jmsPort());
    }

    int submissionPort() {
        return server.port(PayaraServer.SUBMISSION_OFFSET);
    }

    SmtpSink sink() {
        return sink;
    }

    PayaraServer server() {
        return server;
    }

    String adminToken() {
        return adminToken;
    }

    /** The SMTP keystore the adapter created (a development certificate) in the domain's config directory. */
    Path keystore() {
        return server.domainDir().resolve("config").resolve("smtpeter-tls.p12");
    }

    /** Its password, given to the domain only as the password alias smtpeter.tls.keystore-password. */
    String keystorePassword() {
        return keystorePassword;
    }

    // --- internals --------------------------------------------------------------------------------

    private interface Step {
        void run() throws IOException;
    }

    private void timed(String name, Step step) throws IOException {
        long started = System.nanoTime();
        step.run();
        long millis = (System.nanoTime() - started) / 1_000_000;
        timings.put(name, millis);
        System.out.printf("EAR on Payara Server: %-15s %6d ms%n", name, millis);
    }

    private void writeTimings() {
        List<String> lines = timings.entrySet().stream().map(e -> e.getKey() + " " + e.getValue() + " ms").toList();
        try {
            Files.write(workDir.resolve("timings.txt"), lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            // only a report
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property
                    + " is not set; run this test through Maven: mvn verify -Ppayara-server -pl smtpeter-ear");
        }
        return value;
    }
}
