package org.smtpeter.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's python3-dkim (dkimpy) as an independent verifier: every DKIM-Signature of a message,
 * checked against the key records of a {@link TestDns}, by {@code src/test/resources/dkim/verify.py}.
 */
public final class DkimVerifier {

    /** One signature's verdict, top down as in the message. */
    public record Verdict(String domain, String selector, String algorithm, boolean pass) {
    }

    private DkimVerifier() {
    }

    public static List<Verdict> verify(byte[] message, TestDns dns) throws IOException, InterruptedException {
        Path file = Files.createTempFile("smtpeter-dkim-", ".eml");
        try {
            Files.write(file, message);
            Process process = new ProcessBuilder("/usr/bin/python3", script().toString(), file.toString(), dns.address())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("verify.py failed (is python3-dkim installed?):\n" + output);
            }
            return output.lines().filter(line -> !line.equals("none")).map(DkimVerifier::verdict).toList();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static Verdict verdict(String line) {
        String[] words = line.split(" ");
        if (words.length != 5) {
            throw new AssertionError("unexpected output of verify.py: " + line);
        }
        return new Verdict(words[1], words[2], words[3], words[4].equals("pass"));
    }

    private static Path script() {
        Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        return base.resolve("src/test/resources/dkim/verify.py");
    }
}
