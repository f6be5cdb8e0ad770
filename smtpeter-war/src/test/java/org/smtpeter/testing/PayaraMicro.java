package org.smtpeter.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs the built rar and war on a real Payara Micro process, as the README's quick start does,
 * but on free ports and with a database chosen by {@code smtpeter.it.database} (h2 or postgresql).
 * The process can be killed hard and started again on the same data, for crash tests.
 */
public final class PayaraMicro {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Path microDir = Path.of(required("smtpeter.it.micro-dir"));
    private final Path war = Path.of(required("smtpeter.it.war"));
    private final Path serverConfig = Path.of(required("smtpeter.it.server-config"));
    private final Path workDir;
    private final String database = System.getProperty("smtpeter.it.database", "h2");
    private String adminToken = UUID.randomUUID().toString();
    private boolean generatedAdminToken;
    private final int httpPort = FreePorts.next();
    private final int submissionPort = FreePorts.next();
    private final int secondSubmissionPort = FreePorts.next();
    private final int smtpsPort = FreePorts.next();
    private final int mtaPort = FreePorts.next();
    private final Map<String, String> settings = new java.util.HashMap<>();
    private String schema;
    private Process process;
    private int starts;
    private String databaseHost;
    private Integer databasePort;

    /** @param settings extra {@code smtpeter.*} settings, passed as system properties */
    public PayaraMicro(String name, Map<String, String> settings) throws IOException {
        this.workDir = Path.of(required("smtpeter.it.work-dir")).resolve(name);
        this.settings.putAll(settings);
        if (Files.exists(workDir)) {
            try (var files = Files.walk(workDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        Files.createDirectories(workDir);
        this.schema = "smtpeter_it_" + name.replaceAll("[^a-z0-9]", "_");
        if (database.equals("postgresql")) {
            try {
                PostgreSql.recreateSchema(schema);
            } catch (java.sql.SQLException e) {
                throw new IOException("cannot prepare PostgreSQL schema " + schema, e);
            }
        }
    }

    /**
     * Connects the server's pool to PostgreSQL at another address than the configured one (a
     * proxy that a test can cut); the schema is still prepared directly. Call before {@link #start()}.
     */
    public PayaraMicro databaseAddress(String host, int port) {
        this.databaseHost = host;
        this.databasePort = port;
        return this;
    }

    /**
     * Runs on the same database as {@code first} (its schema and admin token), as a second relay of
     * one installation would. Start {@code first} before, so that the tables exist.
     */
    public PayaraMicro sharingDatabaseWith(PayaraMicro first) {
        this.schema = first.schema;
        this.adminToken = first.adminToken;
        return this;
    }

    /** Sends the process SIGTERM, as an orchestrator stopping it would, and waits up to {@code timeout}. */
    public boolean terminate(Duration timeout) throws InterruptedException {
        if (process == null) {
            return true;
        }
        process.destroy();
        boolean ended = process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        if (ended) {
            process = null;
        }
        return ended;
    }

    /**
     * Configures no admin token, so the relay generates one and prints it at the first start;
     * {@link #adminToken()} is then the printed one. Call before {@link #start()}.
     */
    public PayaraMicro generatedAdminToken() {
        this.generatedAdminToken = true;
        return this;
    }

    /** Changes a setting for the next {@link #start()}; null removes it. */
    public PayaraMicro setting(String key, String value) {
        if (value == null) {
            settings.remove(key);
        } else {
            settings.put(key, value);
        }
        return this;
    }

    public void start() throws IOException, InterruptedException {
        Path log = launch();
        try {
            awaitReady(log);
        } catch (RuntimeException | IOException | InterruptedException notReady) {
            kill(); // a server that never became ready must not outlive the test run
            throw notReady;
        }
    }

    /**
     * How a start that was meant to fail went: the exit status, the log, and every answer of the
     * health endpoints while the process was alive ({@code "/health/ready 503"}; a refused
     * connection is not listed: nothing answered).
     */
    public record Exit(int status, List<String> log, List<String> healthAnswers) {
    }

    /**
     * Starts the server with settings it must refuse, asks its health endpoints all the while, as a
     * load balancer would, and waits for the process to end by itself.
     */
    public Exit startExpectingExit() throws IOException, InterruptedException {
        Path log = launch();
        List<String> answers = new ArrayList<>();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (process.isAlive() && System.nanoTime() < deadline) {
            for (String path : List.of("/health/ready", "/health/live", "/health/started")) {
                try {
                    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + httpPort + path)).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                    answers.add(path + " " + answer.statusCode() + " " + answer.body());
                } catch (IOException notListening) {
                    // not up yet, or gone: nothing answered
                }
            }
            Thread.sleep(100);
        }
        if (process.isAlive()) {
            kill();
            throw new IllegalStateException("Payara Micro did not exit within " + START_TIMEOUT + "; see " + log);
        }
        int status = process.exitValue();
        process = null;
        return new Exit(status, Files.readAllLines(log, StandardCharsets.ISO_8859_1), answers);
    }

    private Path launch() throws IOException {
        starts++;
        Path log = workDir.resolve("payara-micro-" + starts + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // The JVM options of the one-command run: heap limit and collector as users run it.
                "@" + serverConfig.resolve("jvm.options"),
                "-Dsmtpeter.ra.mid=smtpeter-rar",
                "-Dsmtpeter.ra.name=smtpeter-rar",
                "-Dsmtpeter.hostname=relay.test",
                "-Dsmtpeter.submission.port=" + submissionPort + "," + secondSubmissionPort,
                "-Dsmtpeter.smtps.port=" + smtpsPort,
                "-Dsmtpeter.tls.keystore=" + workDir.resolve("tls/keystore.p12"),
                "-Dsmtpeter.limits.max-auth-failures=3",
                "-Dsmtpeter.limits.max-message-size=" + TestLimits.MAX_MESSAGE_SIZE,
                "-Dsmtpeter.limits.max-recipients=" + TestLimits.MAX_RECIPIENTS,
                "-Dsmtpeter.limits.idle-timeout-seconds=" + TestLimits.IDLE_TIMEOUT_SECONDS,
                "-Dsmtpeter.limits.max-connections=" + TestLimits.MAX_CONNECTIONS,
                // Tests of other things may use every slot on submission (IntakeAbuseIT tests the shares).
                "-Dsmtpeter.submission.max-connections=" + TestLimits.MAX_CONNECTIONS,
                // A cheaper hash keeps the many logins of the suite fast; production keeps 210,000.
                "-Dsmtpeter.credentials.pbkdf2-iterations=10000",
                "-Dsmtpeter.tracking.base-url=" + trackingBaseUrl(),
                "-Dsmtpeter.tracking.secret=integration-test-tracking-secret",
                // Invitation and reset links point at this server's own dashboard.
                "-Dsmtpeter.dashboard.base-url=http://127.0.0.1:" + httpPort,
                // The webhook receivers of the tests listen on loopback, which production refuses.
                "-Dsmtpeter.webhooks.allow-private-addresses=true",
                // The relay's time can be moved on (clockOffset) instead of a test sleeping.
                "-Dsmtpeter.testing.clock-offset-file=" + clockOffsetFile()));
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of(
                "-jar", microDir.resolve("payara-micro.jar").toString(),
                "--nohazelcast", "--disablephonehome", // as the one-command run (pom.xml, profile run)
                "--port", String.valueOf(httpPort),
                "--addlibs", microDir.resolve("postgresql.jar").toString(),
                "--postbootcommandfile", postBootFile().toString(),
                "--deploy", microDir.resolve("smtpeter-rar.rar").toString(),
                "--deploy", war + ":/"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // Environment variables work as well as system properties (MicroProfile Config naming).
        if (!generatedAdminToken) {
            builder.environment().put("SMTPETER_ADMIN_TOKEN", adminToken);
        }
        builder.environment().put("SMTPETER_MTA_PORT", String.valueOf(mtaPort));
        process = builder.start();
        return log;
    }

    /** Ends the JVM at once, as a power cut or kill -9 would, without any shutdown hooks. */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor();
            process = null;
        }
    }

    public void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            process = null;
        }
    }

    public String database() {
        return database;
    }

    /** The PostgreSQL schema of this server's tables (unused with H2). */
    public String schema() {
        return schema;
    }

    public String adminToken() {
        return adminToken;
    }

    public int httpPort() {
        return httpPort;
    }

    /** Where tracking links of this server point. */
    public String trackingBaseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public int submissionPort() {
        return submissionPort;
    }

    /** Submission listens on two ports, as production does on 587 and 2525. */
    public int secondSubmissionPort() {
        return secondSubmissionPort;
    }

    public int smtpsPort() {
        return smtpsPort;
    }

    public int mtaPort() {
        return mtaPort;
    }

    public Path workDir() {
        return workDir;
    }

    /**
     * Sets the relay's clock {@code offset} ahead of real time (zero puts it back): retries,
     * expiry and limits see the later time at once, so a test waits for what follows instead of
     * sleeping through it. A relay shared by tests is put back when the test is done.
     */
    public synchronized void clockOffset(Duration offset) throws IOException {
        Path next = workDir.resolve("clock-offset.next");
        Files.writeString(next, offset.toString());
        Files.move(next, clockOffsetFile(), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private Path clockOffsetFile() {
        return workDir.resolve("clock-offset");
    }

    /** The server's process id, e.g. to read its resident memory; -1 when it is not running. */
    public long pid() {
        return process == null ? -1 : process.pid();
    }

    public Path currentLog() {
        return workDir.resolve("payara-micro-" + starts + ".log");
    }

    private Path postBootFile() throws IOException {
        String template = Files.readString(serverConfig.resolve("postboot-" + database + ".asadmin"));
        Map<String, String> values = Map.of(
                "${smtpeter.data.dir}", workDir.toString(),
                "${smtpeter.db.host}", databaseHost != null ? databaseHost : PostgreSql.property("host", "127.0.0.1"),
                "${smtpeter.db.port}", databasePort != null ? String.valueOf(databasePort) : PostgreSql.property("port", "5432"),
                "${smtpeter.db.name}", PostgreSql.property("name", "test"),
                "${smtpeter.db.schema}", schema,
                "${smtpeter.db.user}", PostgreSql.property("user", "postgres"),
                "${smtpeter.db.password}", PostgreSql.property("password", "postgres"));
        for (Map.Entry<String, String> value : values.entrySet()) {
            template = template.replace(value.getKey(), value.getValue());
        }
        Path file = workDir.resolve("postboot-" + database + ".asadmin");
        Files.writeString(file, template);
        return file;
    }

    /**
     * Payara prints "ready" even when a deployment failed, so readiness means:
     * the log says ready, the API answers, and the SMTP listener greets.
     */
    private void awaitReady(Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Payara Micro exited; see " + log + "\n" + tail(log));
            }
            String logged = Files.readString(log, StandardCharsets.ISO_8859_1);
            if (logged.contains(" ready in ")) {
                if (generatedAdminToken) {
                    java.util.regex.Matcher printed = java.util.regex.Pattern.compile("Token:  (smtpeter-admin_\\S+)")
                            .matcher(logged);
                    if (printed.find()) {
                        adminToken = printed.group(1);
                    }
                }
                if (!apiAnswers()) {
                    throw new IllegalStateException("Payara Micro is up but the application is not; see " + log
                            + "\n" + tail(log));
                }
                awaitGreeting();
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Payara Micro did not start within " + START_TIMEOUT + "; see " + log);
    }

    private boolean apiAnswers() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/v1/accounts?limit=1"))
                        .header("Authorization", "Bearer " + adminToken).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200;
    }

    private void awaitGreeting() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", submissionPort)) {
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            byte[] greeting = new byte[3];
            if (in.readNBytes(greeting, 0, 3) != 3 || !new String(greeting, StandardCharsets.US_ASCII).equals("220")) {
                throw new IllegalStateException("SMTP listener did not greet with 220");
            }
            OutputStream out = socket.getOutputStream();
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set; run the ITs through Maven (mvn verify)");
        }
        return value;
    }
}
