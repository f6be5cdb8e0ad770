package org.smtpeter.benchmark.throughput;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * The relay under test: the built rar and war on Payara Micro, started as the run profile of
 * smtpeter-war/pom.xml starts it, but on ports of its own (so a development relay can keep running),
 * with its own working directory (the development certificate smtpeter-data/tls/... is made there)
 * and database, and with the sink as its smart host.
 */
final class RelayProcess implements AutoCloseable {

    static final int HTTP_PORT = 8380;
    static final int SUBMISSION_PORT = 3587;
    static final int SMTPS_PORT = 3465;
    static final int MTA_PORT = 3025;

    /** As the run profile in smtpeter-war/pom.xml starts the relay: the figures are for the relay users run. */
    static List<String> runProfileJvmOptions(Path microDir) {
        return List.of("@" + microDir.resolve("jvm.options"), "-Dsmtpeter.ra.mid=smtpeter-rar",
                "-Dsmtpeter.ra.name=smtpeter-rar");
    }

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final Process process;
    private final Path log;
    private final String adminToken;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private RelayProcess(Process process, Path log, String adminToken) {
        this.process = process;
        this.log = log;
        this.adminToken = adminToken;
    }

    /**
     * Starts Payara Micro; {@link #awaitReady()} waits for it. Returns at once, so that the caller
     * holds the process (and stops it on Ctrl-C) while it boots.
     *
     * @param workDir the working directory; its smtpeter-data/ holds the dev certificate (and H2's files)
     */
    static RelayProcess launch(Path microDir, Path war, Path postBootFile, Path workDir, Path log, int sinkPort)
            throws IOException {
        for (int port : new int[] {HTTP_PORT, SUBMISSION_PORT, SMTPS_PORT, MTA_PORT}) {
            requireFree(port);
        }
        Files.createDirectories(workDir);
        String adminToken = random();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(runProfileJvmOptions(microDir));
        String flightRecording = System.getProperty("throughput.jfr", "");
        if (!flightRecording.isBlank()) {
            // A profile of the whole run (warm-up included), for finding where the time goes; whole
            // stacks, since the container's run deeper than the default 64 frames.
            command.add("-XX:FlightRecorderOptions=stackdepth=256");
            command.add("-XX:StartFlightRecording=settings=profile,filename=" + Path.of(flightRecording).toAbsolutePath());
        }
        command.addAll(List.of(
                "-jar", microDir.resolve("payara-micro.jar").toString(),
                "--nohazelcast", "--disablephonehome", // as the one-command run (pom.xml, profile run)
                "--port", String.valueOf(HTTP_PORT),
                "--addlibs", microDir.resolve("postgresql.jar").toString(),
                "--postbootcommandfile", postBootFile.toString(),
                "--deploy", microDir.resolve("smtpeter-rar.rar").toString(),
                "--deploy", war + ":/"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        // Settings of the caller's shell must not change what is measured.
        environment.keySet().removeIf(name -> name.startsWith("SMTPETER_"));
        environment.put("SMTPETER_HOSTNAME", "relay.bench.test");
        environment.put("SMTPETER_SUBMISSION_PORT", String.valueOf(SUBMISSION_PORT));
        environment.put("SMTPETER_SMTPS_PORT", String.valueOf(SMTPS_PORT));
        environment.put("SMTPETER_MTA_PORT", String.valueOf(MTA_PORT));
        environment.put("SMTPETER_DELIVERY_SMARTHOST", "127.0.0.1:" + sinkPort);
        // The sink speaks plain SMTP, as Postfix's relayhost is configured to (smtp_tls_security_level=none).
        environment.put("SMTPETER_DELIVERY_SMARTHOST_TLS", "none");
        environment.put("SMTPETER_ADMIN_TOKEN", adminToken);
        environment.put("SMTPETER_TRACKING_SECRET", random());
        environment.put("SMTPETER_TRACKING_BASE_URL", "http://127.0.0.1:" + HTTP_PORT);
        return new RelayProcess(builder.start(), log, adminToken);
    }

    long pid() {
        return process.pid();
    }

    /** A new account and an SMTP credential with every feature on, as the REST API makes them. */
    SmtpTarget newCredential() throws IOException, InterruptedException {
        JsonObject account = post("/api/v1/accounts", "{\"name\":\"bench\"}");
        long id = account.getJsonNumber("id").longValue();
        JsonObject credential = post("/api/v1/accounts/" + id + "/credentials",
                "{\"description\":\"bench\",\"features\":{\"inlineCss\":true,\"trackClicks\":true,"
                        + "\"trackOpens\":true,\"trackBounces\":true,\"preventScam\":true}}");
        return new SmtpTarget("relay", SUBMISSION_PORT, credential.getString("username"), credential.getString("password"));
    }

    /** Stops Payara Micro (TERM, then KILL after 30 s) with anything it started. */
    @Override
    public void close() {
        List<ProcessHandle> descendants = process.descendants().toList();
        descendants.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private JsonObject post(String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    /**
     * Waits until the log says "ready in" and /health/ready answers 200: Payara prints "ready in" even
     * when a deployment failed, /health/ready says whether the relay takes mail.
     */
    void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        boolean logReady = false;
        int lastStatus = -1;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Payara Micro exited with " + process.exitValue() + "; see " + log
                        + "\n" + tail());
            }
            logReady = logReady || Files.readString(log, StandardCharsets.ISO_8859_1).contains(" ready in ");
            if (logReady) {
                lastStatus = healthReady();
                if (lastStatus == 200) {
                    return;
                }
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the relay was not ready within " + START_TIMEOUT.toSeconds() + " s (log ready: "
                + logReady + ", /health/ready: " + lastStatus + "); see " + log + "\n" + tail());
    }

    private int healthReady() throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(uri("/health/ready")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + HTTP_PORT + path);
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static void requireFree(int port) throws IOException {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName("0.0.0.0"))) {
            probe.setReuseAddress(true);
        } catch (IOException taken) {
            throw new IOException("port " + port + " is in use; the benchmark's relay needs 8380, 3587, 3465 and 3025"
                    + " (is an earlier benchmark relay still running?)", taken);
        }
    }

    private static String random() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
