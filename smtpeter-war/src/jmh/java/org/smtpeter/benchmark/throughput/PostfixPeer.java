package org.smtpeter.benchmark.throughput;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Postfix as the reference: a separate instance (throughput/postfix-peer.sh) configured as
 * the same kind of relay, submission with STARTTLS required and AUTH after TLS, handing all mail to
 * the same sink. It needs root (the master runs as root) and never touches /etc/postfix.
 */
final class PostfixPeer implements AutoCloseable {

    static final int SUBMISSION_PORT = 3588;

    private static final Path POSTFIX = Path.of("/usr/sbin/postfix");
    private static final Path SASLPASSWD2 = Path.of("/usr/sbin/saslpasswd2");

    private final Path script;
    private final Path instanceDir;
    private final Path log;
    private final int sinkPort;

    private PostfixPeer(Path script, Path instanceDir, Path log, int sinkPort) {
        this.script = script;
        this.instanceDir = instanceDir;
        this.log = log;
        this.sinkPort = sinkPort;
    }

    /** Why the peer cannot run here, or empty when it can; {@code option} is -Dthroughput.peer (auto or none). */
    static Optional<String> whyUnavailable(String option) {
        if (option.equals("none")) {
            return Optional.of("-Dthroughput.peer=none");
        }
        if (!option.equals("auto")) {
            throw new IllegalArgumentException("-Dthroughput.peer must be auto or none, not " + option);
        }
        if (!Files.isExecutable(POSTFIX)) {
            return Optional.of(POSTFIX + " not found; apt-get install postfix sasl2-bin libsasl2-modules libsasl2-modules-db");
        }
        if (!Files.isExecutable(SASLPASSWD2)) {
            return Optional.of(SASLPASSWD2 + " not found; apt-get install sasl2-bin libsasl2-modules libsasl2-modules-db");
        }
        if (!isRoot()) {
            return Optional.of("not running as root, which the Postfix master needs");
        }
        return Optional.empty();
    }

    /** The peer's instance in {@code workDir/postfix}, run by a copy of the script in {@code workDir}. */
    static PostfixPeer in(Path workDir, int sinkPort) {
        return new PostfixPeer(workDir.resolve("postfix-peer.sh"), workDir.resolve("postfix"),
                workDir.resolve("postfix-peer.log"), sinkPort);
    }

    /** Writes the script and starts a fresh instance (stopping one an aborted benchmark left behind). */
    void start() throws IOException, InterruptedException {
        try (InputStream in = PostfixPeer.class.getResourceAsStream("/throughput/postfix-peer.sh")) {
            if (in == null) {
                throw new IOException("throughput/postfix-peer.sh is not on the class path");
            }
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.deleteIfExists(log);
        run("start");
    }

    SmtpTarget target() {
        return new SmtpTarget("postfix", SUBMISSION_PORT, "bench", "benchpass");
    }

    /** The master's pid: the root of the process tree whose CPU and memory are counted. */
    long masterPid() throws IOException {
        return Long.parseLong(Files.readString(instanceDir.resolve("queue/pid/master.pid")).trim());
    }

    String version() {
        try {
            Process postconf = new ProcessBuilder("postconf", "-d", "-h", "mail_version").redirectErrorStream(true).start();
            String version = new String(postconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            return postconf.waitFor() == 0 ? version : "?";
        } catch (IOException | InterruptedException e) {
            return "?";
        }
    }

    @Override
    public void close() {
        try {
            run("stop");
        } catch (IOException | InterruptedException | RuntimeException e) {
            System.err.println("Postfix peer: stop failed: " + e.getMessage() + "; see " + log);
        }
    }

    private void run(String action) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of("bash", script.toString(), action))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> environment = builder.environment();
        environment.put("PEER_DIR", instanceDir.toString());
        environment.put("SINK_PORT", String.valueOf(sinkPort));
        environment.put("SUBMIT_PORT", String.valueOf(SUBMISSION_PORT));
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("postfix-peer.sh " + action + " did not finish within 120 s; see " + log);
        }
        if (process.exitValue() != 0) {
            List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            throw new IOException("postfix-peer.sh " + action + " failed (" + process.exitValue() + "): "
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size())));
        }
    }

    private static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0"); // the effective uid
                }
            }
        } catch (IOException e) {
            // not Linux: no /proc
        }
        return false;
    }
}
