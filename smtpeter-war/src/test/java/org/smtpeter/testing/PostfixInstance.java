package org.smtpeter.testing;

import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * A Postfix instance of Debian's package, configured as users configure theirs, with its own
 * configuration, queue and log under the test's directory: never /etc/postfix or the default
 * instance. Needs root (the master runs as root) and {@code postfix sasl2-bin libsasl2-modules}
 * ({@code .ci/run} installs them); {@link #whyUnavailable()} says when they are missing.
 */
public final class PostfixInstance implements AutoCloseable {

    private static final Path POSTFIX = Path.of("/usr/sbin/postfix");
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final Path etc;
    private final List<String> mainCf = new ArrayList<>();
    private final List<String> masterCf = new ArrayList<>();
    private Integer listenPort;

    private PostfixInstance(Path dir) {
        this.dir = dir;
        this.etc = dir.resolve("etc");
    }

    /** Why Postfix cannot run here, or empty when it can. */
    public static Optional<String> whyUnavailable() {
        if (!Files.isExecutable(POSTFIX) || !Files.isExecutable(Path.of("/usr/sbin/saslpasswd2"))) {
            return Optional.of("apt-get install postfix sasl2-bin libsasl2-modules (as .ci/run does)");
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("the Postfix master must run as root");
        }
        return Optional.empty();
    }

    /**
     * A Postfix that hands all its mail to the relay, as SMTPeter's users configure theirs: the
     * relay as {@code relayhost} on the submission port, SASL with a password map, TLS required.
     */
    public static PostfixInstance clientOf(Path dir, int relayPort, String username, String password) throws IOException {
        PostfixInstance postfix = new PostfixInstance(dir);
        postfix.prepare();
        String relayhost = "[127.0.0.1]:" + relayPort;
        Files.writeString(postfix.etc.resolve("sasl_passwd"), relayhost + " " + username + ":" + password + "\n");
        // postmap reads a main.cf: this instance's, never /etc/postfix's (a machine may have none).
        Files.write(postfix.etc.resolve("main.cf"), postfix.mainCf);
        postfix.run("postmap", "-c", postfix.etc.toString(), "hash:" + postfix.etc.resolve("sasl_passwd"));
        postfix.mainCf.addAll(List.of(
                "myhostname = client.postfix.test",
                "relayhost = " + relayhost,
                "smtp_sasl_auth_enable = yes",
                "smtp_sasl_password_maps = hash:" + postfix.etc.resolve("sasl_passwd"),
                "smtp_sasl_security_options = noanonymous",
                "smtp_tls_security_level = encrypt"));
        return postfix;
    }

    /**
     * A Postfix as the relay's smart host: it listens on {@code port} with STARTTLS and requires
     * AUTH after it (Cyrus sasldb), and hands what it takes to {@code nextHopPort} in plain SMTP.
     */
    public static PostfixInstance smartHost(Path dir, int port, String username, String password, int nextHopPort)
            throws IOException {
        PostfixInstance postfix = new PostfixInstance(dir);
        postfix.prepare();
        postfix.listenPort = port;
        Path tls = Files.createDirectories(dir.resolve("tls"));
        postfix.run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-sha256",
                "-subj", "/CN=smarthost.postfix.test", "-keyout", tls.resolve("key.pem").toString(),
                "-out", tls.resolve("cert.pem").toString());
        Path sasldb = postfix.etc.resolve("sasldb2");
        postfix.runWithInput(password, "saslpasswd2", "-p", "-c", "-f", sasldb.toString(), "-u", "smarthost.postfix.test",
                username);
        postfix.run("chown", "root:postfix", sasldb.toString());
        Path saslConfig = Files.createDirectories(postfix.etc.resolve("sasl"));
        Files.writeString(saslConfig.resolve("smtpd.conf"), String.join("\n",
                "pwcheck_method: auxprop", "auxprop_plugin: sasldb", "sasldb_path: " + sasldb, "mech_list: PLAIN LOGIN", ""));
        postfix.mainCf.addAll(List.of(
                "myhostname = smarthost.postfix.test",
                "relayhost = [127.0.0.1]:" + nextHopPort,
                "smtp_tls_security_level = none",
                "smtpd_tls_cert_file = " + tls.resolve("cert.pem"),
                "smtpd_tls_key_file = " + tls.resolve("key.pem"),
                "smtpd_tls_security_level = encrypt",
                "smtpd_tls_auth_only = yes",
                "smtpd_sasl_auth_enable = yes",
                "smtpd_sasl_type = cyrus",
                "smtpd_sasl_path = smtpd",
                "cyrus_sasl_config_path = " + saslConfig,
                "smtpd_sasl_security_options = noanonymous",
                "smtpd_relay_restrictions = permit_sasl_authenticated, reject_unauth_destination"));
        postfix.masterCf.add("127.0.0.1:" + port + " inet n - n - - smtpd");
        return postfix;
    }

    public PostfixInstance start() throws IOException {
        Files.write(etc.resolve("main.cf"), mainCf);
        Files.write(etc.resolve("master.cf"), masterCf);
        try {
            run("postfix", "-c", etc.toString(), "set-permissions");
        } catch (IOException notAllFilesOfThePackage) {
            // it also checks files of the default instance; the queue's permissions are set all the same
        }
        run("postfix", "-c", etc.toString(), "check");
        run("postfix", "-c", etc.toString(), "start");
        if (listenPort != null) {
            awaitListening(listenPort);
        }
        return this;
    }

    /** Changes settings of the running instance ({@code postconf -e}) and reloads it. */
    public void reconfigure(String... settings) throws IOException {
        List<String> command = new ArrayList<>(List.of("postconf", "-c", etc.toString(), "-e"));
        command.addAll(List.of(settings));
        run(command.toArray(String[]::new));
        run("postfix", "-c", etc.toString(), "reload");
    }

    /** Submits a message as a local program does: Postfix's sendmail, envelope recipients from the arguments. */
    public void sendmail(String sender, byte[] message, String... recipients) throws IOException {
        List<String> command = new ArrayList<>(List.of("sendmail", "-C", etc.toString(), "-f", sender, "-i", "--"));
        command.addAll(List.of(recipients));
        Path input = Files.write(Files.createTempFile(dir, "message-", ".eml"), message);
        execute(command, input);
    }

    /** Asks the queue manager to try the deferred mail now instead of at its next retry. */
    public void flush() throws IOException {
        run("postqueue", "-c", etc.toString(), "-f");
    }

    /** The queue, one JSON object per message ({@code postqueue -j}). */
    public List<JsonObject> queue() throws IOException {
        List<JsonObject> messages = new ArrayList<>();
        for (String line : run("postqueue", "-c", etc.toString(), "-j").lines().toList()) {
            if (!line.isBlank()) {
                messages.add(Json.createReader(new StringReader(line)).readObject());
            }
        }
        return messages;
    }

    /** The lines of the instance's log that contain {@code text}. */
    public List<String> logLines(String text) throws IOException {
        Path log = dir.resolve("log/postfix.log");
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.ISO_8859_1).stream()
                .filter(line -> line.contains(text)).toList() : List.of();
    }

    @Override
    public void close() throws IOException {
        if (Files.exists(etc.resolve("main.cf"))) {
            execute(List.of("postfix", "-c", etc.toString(), "stop"), null);
        }
    }

    /** A fresh directory and the settings every instance shares: loopback only, no DNS, no local delivery. */
    private void prepare() throws IOException {
        if (Files.exists(etc.resolve("main.cf"))) {
            try {
                execute(List.of("postfix", "-c", etc.toString(), "abort"), null); // left behind by an aborted run
            } catch (IOException notRunning) {
                // stopped properly last time
            }
        }
        run("rm", "-rf", dir.toString());
        for (String sub : List.of("etc", "queue", "data", "log")) {
            Files.createDirectories(dir.resolve(sub));
        }
        run("chmod", "755", dir.toString(), etc.toString());
        mainCf.addAll(List.of(
                "compatibility_level = 3.6",
                "queue_directory = " + dir.resolve("queue"),
                "data_directory = " + dir.resolve("data"),
                "maillog_file = " + dir.resolve("log/postfix.log"),
                "maillog_file_prefixes = " + dir.resolve("log"),
                "mydestination =",
                "local_recipient_maps =",
                "local_transport = error:5.1.1 no local delivery in the test",
                "alias_maps =",
                "alias_database =",
                "inet_interfaces = 127.0.0.1",
                "inet_protocols = ipv4",
                "mynetworks = 192.0.2.1/32",
                "smtp_dns_support_level = disabled",
                "smtp_host_lookup = native",
                // Deferred mail is tried again within seconds, so that a test sees it leave.
                "queue_run_delay = 2s",
                "minimal_backoff_time = 2s",
                "maximal_backoff_time = 4s"));
        masterCf.addAll(List.of(
                "pickup     unix  n - n 60    1 pickup",
                "cleanup    unix  n - n -     0 cleanup",
                "qmgr       unix  n - n 300   1 qmgr",
                "tlsmgr     unix  - - n 1000? 1 tlsmgr",
                "rewrite    unix  - - n -     - trivial-rewrite",
                "bounce     unix  - - n -     0 bounce",
                "defer      unix  - - n -     0 bounce",
                "trace      unix  - - n -     0 bounce",
                "verify     unix  - - n -     1 verify",
                "flush      unix  n - n 1000? 0 flush",
                "proxymap   unix  - - n -     - proxymap",
                "smtp       unix  - - n -     - smtp",
                "relay      unix  - - n -     - smtp",
                "showq      unix  n - n -     - showq",
                "error      unix  - - n -     - error",
                "retry      unix  - - n -     - error",
                "anvil      unix  - - n -     1 anvil",
                "scache     unix  - - n -     1 scache",
                "postlog    unix-dgram n - n - 1 postlogd"));
    }

    private static void awaitListening(int port) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                sleep();
            }
        }
        throw new IOException("Postfix is not listening on 127.0.0.1:" + port);
    }

    private static void sleep() throws IOException {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private String run(String... command) throws IOException {
        return execute(List.of(command), null);
    }

    private void runWithInput(String input, String... command) throws IOException {
        Path file = Files.writeString(Files.createTempFile(dir, "input-", ".txt"), input);
        try {
            execute(List.of(command), file);
        } finally {
            Files.delete(file);
        }
    }

    private String execute(List<String> command, Path input) throws IOException {
        Path output = Files.createTempFile("postfix-", ".out");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectInput(input == null ? ProcessBuilder.Redirect.from(new File("/dev/null"))
                            : ProcessBuilder.Redirect.from(input.toFile()))
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within " + COMMAND_TIMEOUT);
            }
            String printed = Files.readString(output, StandardCharsets.ISO_8859_1);
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed (" + process.exitValue() + "):\n" + printed);
            }
            return printed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
