package org.smtpeter.smtp.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Creates a self-signed certificate for development on first start, so the one-command run
 * offers STARTTLS and implicit TLS without any setup. Uses the JDK's own keytool, which every
 * Java runtime that runs Payara ships. Production configures a real keystore instead.
 */
public final class DevCertificate {

    private static final Logger LOG = Logger.getLogger(DevCertificate.class.getName());

    private DevCertificate() {
    }

    public static void createIfMissing(Path keyStore, char[] password, String hostName) throws IOException {
        if (Files.exists(keyStore)) {
            return;
        }
        Path parent = keyStore.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = List.of(keytool.toString(), "-genkeypair", "-noprompt",
                "-alias", "smtpeter", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=" + hostName + ", O=SMTPeter relay development",
                "-ext", "SAN=dns:" + hostName + ",dns:localhost,ip:127.0.0.1",
                "-validity", "825", "-storetype", "PKCS12",
                "-keystore", keyStore.toAbsolutePath().toString(),
                "-storepass:env", "SMTPETER_DEV_STOREPASS");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SMTPETER_DEV_STOREPASS", new String(password));
        Process process = builder.start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool could not create a development certificate: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while creating a development certificate", e);
        }
        LOG.warning(() -> "Created a self-signed development certificate for " + hostName + " in " + keyStore
                + ". Configure smtpeter.tls.keystore with a real certificate for production.");
    }
}
