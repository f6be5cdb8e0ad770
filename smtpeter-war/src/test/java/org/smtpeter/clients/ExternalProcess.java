package org.smtpeter.clients;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs a non-Java SMTP client as a subprocess, with a timeout, and keeps all it printed. */
final class ExternalProcess {

    /** What the process did; {@link #toString()} is meant for assertion messages. */
    record Result(List<String> command, int exitCode, String stdout, String stderr) {

        /** stdout and stderr together, for clients such as swaks that mix them. */
        String output() {
            return stdout + stderr;
        }

        @Override
        public String toString() {
            return "command: " + String.join(" ", command) + "\nexit code: " + exitCode
                    + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }
    }

    private ExternalProcess() {
    }

    static Result run(Duration timeout, List<String> command) throws IOException, InterruptedException {
        Path stdout = Files.createTempFile("smtpeter-client-", ".out");
        Path stderr = Files.createTempFile("smtpeter-client-", ".err");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("client did not finish within " + timeout + "\n"
                        + new Result(command, -1, read(stdout), read(stderr)));
            }
            return new Result(command, process.exitValue(), read(stdout), read(stderr));
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    /** The program's path if it is on the PATH and executable. */
    static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The module directory: failsafe sets {@code basedir}; otherwise the working directory. */
    static Path moduleDir() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    }

    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }
}
