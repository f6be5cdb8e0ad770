package org.smtpeter.startup.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.smtpeter.testing.PayaraMicro;

/**
 * The relay started as an operator would, with wrong settings: it says what is wrong, one line per
 * setting and all of them, as the last lines of its output, without a stack trace; its health
 * never answers UP; and the process ends with status 78 instead of lingering without the application.
 */
class FailedStartIT {

    @Test
    void everyWrongSettingIsReportedAndTheProcessEnds() throws Exception {
        PayaraMicro micro = new PayaraMicro("failed-start-all", Map.of(
                "smtpeter.credentials.pbkdf2-iterations", "1000",
                "smtpeter.submission.port", "25x87",
                "smtpeter.limits.max-connections", "ten",
                "smtpeter.delivery.smarthost", "smtp.example.net:58x7",
                "smtpeter.delivery.retry-schedule", "PT1M,5m",
                "smtpeter.tracking.secret", "short"));
        micro.setting("smtpeter.mta.port", String.valueOf(micro.smtpsPort()));
        // A keystore that exists but was made with another password than the configured one.
        String keyStore = micro.workDir().resolve("tls/keystore.p12").toString();
        keyStoreWithPassword(keyStore, "another-password");

        PayaraMicro.Exit exit = micro.startExpectingExit();

        List<String> expected = List.of(
                "Invalid setting smtpeter.submission.port=25x87: expected a port number from 1 to 65535, or several"
                        + " separated by commas",
                "Invalid setting smtpeter.mta.port=" + micro.smtpsPort() + ": expected a port no other listener uses"
                        + " (smtpeter.smtps.port has it too)",
                "Invalid setting smtpeter.limits.max-connections=ten: expected a whole number of at least 1",
                "Invalid setting smtpeter.tls.keystore=" + keyStore + ": expected a PKCS12 keystore that opens with"
                        + " smtpeter.tls.keystore-password (keystore password was incorrect)",
                "Invalid setting smtpeter.credentials.pbkdf2-iterations=1000: expected a whole number of at least 1024",
                "Invalid setting smtpeter.delivery.smarthost=smtp.example.net:58x7: expected host:port such as"
                        + " smtp.example.net:587 (the port defaults to 587)",
                "Invalid setting smtpeter.delivery.retry-schedule=PT1M,5m: expected positive ISO-8601 durations"
                        + " separated by commas, such as PT1M,PT5M,PT1H",
                "Invalid setting smtpeter.tracking.secret (value hidden, 5 bytes): expected at least 16 bytes, e.g. from"
                        + " openssl rand -hex 32",
                "SMTPeter cannot start: 8 invalid settings (listed above); exiting with status 78");
        assertRefused(exit, expected);
    }

    /** The case of the issue: the PBKDF2 implementation used to fail deep in the deployment. */
    @Test
    void tooFewPbkdf2IterationsStopTheRelayWithOneLine() throws Exception {
        PayaraMicro micro = new PayaraMicro("failed-start-pbkdf2", Map.of(
                "smtpeter.credentials.pbkdf2-iterations", "1000"));

        PayaraMicro.Exit exit = micro.startExpectingExit();

        assertRefused(exit, List.of(
                "Invalid setting smtpeter.credentials.pbkdf2-iterations=1000: expected a whole number of at least 1024",
                "SMTPeter cannot start: 1 invalid setting (listed above); exiting with status 78"));
    }

    private static void keyStoreWithPassword(String keyStore, String password) throws Exception {
        java.nio.file.Files.createDirectories(java.nio.file.Path.of(keyStore).getParent());
        Process keytool = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString(), "-genkeypair", "-keyalg", "EC", "-alias", "relay", "-dname", "CN=relay.test",
                "-storetype", "PKCS12", "-keystore", keyStore, "-storepass", password, "-keypass", password)
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, keytool.waitFor(), output);
    }

    private static void assertRefused(PayaraMicro.Exit exit, List<String> lastLines) throws IOException {
        String log = String.join("\n", exit.log());
        assertEquals(78, exit.status(), log);
        assertEquals(lastLines, exit.log().subList(exit.log().size() - lastLines.size(), exit.log().size()), log);
        assertEquals(List.of(), exit.healthAnswers().stream().filter(answer -> answer.contains(" 200 ")).toList(),
                "health answered UP while the relay was not there");
        // Payara logs stack traces of its own (a health probe that found no application yet); none may
        // come from the relay, nor the failures this used to end in.
        assertFalse(log.contains("\tat org.smtpeter."), "no stack trace from the relay:\n" + log);
        assertFalse(log.contains("NumberFormatException") || log.contains("Bad Iterations"), log);
        assertFalse(log.contains("listener on /"), "no listener was opened:\n" + log);
    }
}
