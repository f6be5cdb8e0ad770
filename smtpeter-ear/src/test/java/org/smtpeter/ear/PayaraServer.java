package org.smtpeter.ear;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A full Payara Server, unpacked by Maven, with one domain of its own in the test's work directory,
 * driven through {@code asadmin} as an operator drives it. All ports of the domain lie in one block
 * (its port base, the first free one from 28000 up), so it meets neither a developer's server on
 * 4848/8080 nor the Payara Micro tests, which take ephemeral ports. Every asadmin call and its
 * output go to {@code asadmin.log} in the work directory.
 */
final class PayaraServer {

    static final String DOMAIN = "smtpeter-it";

    /** Offsets in the domain's block that Payara leaves free, for the relay's SMTP listeners. */
    static final int MTA_OFFSET = 25;
    static final int SMTPS_OFFSET = 65;
    static final int SUBMISSION_OFFSET = 87;

    /** What the domain occupies above its port base (create-domain --portbase), and the SMTP ports. */
    private static final int[] OFFSETS = {9, 37, 38, 39, 48, 49, 59, 66, 76, 80, 81, 86, MTA_OFFSET, SMTPS_OFFSET,
            SUBMISSION_OFFSET};

    private final Path home;
    private final Path domains;
    private final Path log;
    private int portBase;

    /** @param home the unpacked {@code payara6} directory */
    PayaraServer(Path home, Path workDir) throws IOException {
        this.home = home;
        this.domains = workDir.resolve("domains");
        this.log = workDir.resolve("asadmin.log");
        Files.createDirectories(workDir);
    }

    /** A fresh domain: a leftover of an earlier, aborted run is stopped and deleted first. */
    void createDomain() throws IOException {
        Files.deleteIfExists(log);
        stopLeftover();
        deleteRecursively(domains);
        portBase = freePortBase();
        asadmin(Duration.ofMinutes(3), "create-domain", "--nopassword", "--portbase", String.valueOf(portBase),
                "--domaindir", domains.toString(), DOMAIN);
    }

    void start() {
        asadmin(Duration.ofMinutes(5), "start-domain", "--domaindir", domains.toString(), DOMAIN);
    }

    void restart() {
        asadmin(Duration.ofMinutes(5), "restart-domain", "--domaindir", domains.toString(), DOMAIN);
    }

    /** Stops the domain, killing it when it does not stop; does nothing when there is none. */
    void stop() {
        if (!Files.exists(domainDir().resolve("config").resolve("pid"))) {
            return;
        }
        try {
            asadmin(Duration.ofMinutes(2), "stop-domain", "--domaindir", domains.toString(), DOMAIN);
        } catch (RuntimeException e) {
            asadmin(Duration.ofMinutes(1), "stop-domain", "--kill=true", "--domaindir", domains.toString(), DOMAIN);
        }
    }

    /** A remote command against this domain's admin port; returns its output. */
    String remote(Duration timeout, String... command) {
        List<String> arguments = new ArrayList<>(List.of("--port", String.valueOf(adminPort())));
        arguments.addAll(List.of(command));
        return asadmin(timeout, arguments.toArray(String[]::new));
    }

    /** Runs an asadmin command file, as {@code asadmin multimode --file} does for an operator. */
    String multimode(Path file) {
        return remote(Duration.ofMinutes(3), "multimode", "--file", file.toString());
    }

    /** Runs a script of server-config/server with this server's asadmin and admin port. */
    String script(Path script, Map<String, String> environment, String... arguments) {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(arguments));
        Map<String, String> env = new java.util.HashMap<>(environment);
        env.put("ASADMIN", asadmin().toString());
        return run(command, env, Duration.ofMinutes(2));
    }

    Path asadmin() {
        return home.resolve("bin").resolve("asadmin");
    }

    int adminPort() {
        return portBase + 48;
    }

    int httpPort() {
        return portBase + 80;
    }

    /** The embedded OpenMQ broker's port mapper. */
    int jmsPort() {
        return portBase + 76;
    }

    int port(int offset) {
        return portBase + offset;
    }

    Path domainDir() {
        return domains.resolve(DOMAIN);
    }

    Path serverLog() {
        return domainDir().resolve("logs").resolve("server.log");
    }

    private String asadmin(Duration timeout, String... arguments) {
        List<String> command = new ArrayList<>(List.of("bash", asadmin().toString(), "--interactive=false"));
        command.addAll(List.of(arguments));
        return run(command, Map.of(), timeout);
    }

    private String run(List<String> command, Map<String, String> extraEnvironment, Duration timeout) {
        try {
            Path output = Files.createTempFile(log.getParent(), "asadmin", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            Map<String, String> env = builder.environment();
            // The developer's own settings must not reach the domain (SMTPETER_* would override the
            // scripts) nor asadmin (AS_ADMIN_PORT and friends would aim it at another server).
            env.keySet().removeIf(name -> name.startsWith("SMTPETER_") || name.startsWith("AS_ADMIN_"));
            env.put("AS_JAVA", System.getProperty("java.home"));
            env.putAll(extraEnvironment);
            long started = System.nanoTime();
            Process process = builder.start();
            boolean finished = process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor();
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            Files.delete(output);
            String entry = "$ " + String.join(" ", command) + "   (" + (System.nanoTime() - started) / 1_000_000 + " ms)\n"
                    + text + "\n";
            Files.writeString(log, entry, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            if (!finished || process.exitValue() != 0) {
                throw new IllegalStateException((finished ? "failed (exit " + process.exitValue() + ")" : "timed out after " + timeout)
                        + ": " + String.join(" ", command) + "\n" + text + "\nserver log: " + serverLog());
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A domain from an aborted run (killed test JVM) still runs: stop it through its own directory. */
    private void stopLeftover() {
        if (Files.exists(domainDir().resolve("config").resolve("pid"))) {
            try {
                asadmin(Duration.ofMinutes(1), "stop-domain", "--kill=true", "--domaindir", domains.toString(), DOMAIN);
            } catch (RuntimeException notRunning) {
                // nothing to stop
            }
        }
    }

    private static int freePortBase() {
        for (int base = 28000; base < 30000; base += 100) {
            if (allFree(base)) {
                return base;
            }
        }
        throw new IllegalStateException("no free block of ports between 28000 and 30000");
    }

    private static boolean allFree(int base) {
        for (int offset : OFFSETS) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(base + offset));
            } catch (IOException taken) {
                return false;
            }
        }
        return true;
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (var paths = Files.walk(directory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
