package org.smtpeter.startup.control;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Logger;

/** The settings that keep the relay from starting, and how it stops. */
final class FailedStart {

    /** EX_CONFIG of sysexits.h: "something was found in an unconfigured or misconfigured state". */
    static final int EXIT_STATUS = 78;

    private static final Logger LOG = Logger.getLogger(FailedStart.class.getName());

    private final List<String> problems;

    FailedStart(List<String> problems) {
        this.problems = List.copyOf(problems);
    }

    String summary() {
        return "SMTPeter cannot start: " + howMany() + " (see docs/configuration.md): "
                + String.join("; ", problems);
    }

    private String howMany() {
        return problems.size() + (problems.size() == 1 ? " invalid setting" : " invalid settings");
    }

    void report() {
        problems.forEach(LOG::severe);
    }

    /**
     * Logs the problems, then writes them once more, plain and one per line, straight to the
     * process's standard error, so they are the last lines an operator or a container log shows,
     * and ends the JVM with {@link #EXIT_STATUS}. It halts rather than exits: nothing has started
     * that needs stopping, and Payara's shutdown hooks would wait for this very deployment.
     */
    void endProcess() {
        report();
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            handler.flush();
        }
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        err.println();
        problems.forEach(err::println);
        err.println("SMTPeter cannot start: " + howMany() + " (listed above); exiting with status " + EXIT_STATUS);
        err.flush();
        Runtime.getRuntime().halt(EXIT_STATUS);
    }
}
