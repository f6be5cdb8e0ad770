package org.smtpeter.startup.control;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Logger;

/** What keeps the relay from starting (wrong settings, a database it cannot use), and how it stops. */
final class FailedStart {

    /** EX_CONFIG of sysexits.h: "something was found in an unconfigured or misconfigured state". */
    static final int EXIT_STATUS = 78;

    /** EX_TEMPFAIL of sysexits.h: the database may answer on a later try. */
    static final int DATABASE_EXIT_STATUS = 75;

    private static final Logger LOG = Logger.getLogger(FailedStart.class.getName());

    private final List<String> problems;
    private final String kind;
    private final int status;

    /** Settings that are wrong. */
    FailedStart(List<String> problems) {
        this(problems, "invalid setting", EXIT_STATUS);
    }

    private FailedStart(List<String> problems, String kind, int status) {
        this.problems = List.copyOf(problems);
        this.kind = kind;
        this.status = status;
    }

    /** The database cannot be used, or its schema not brought up to date. */
    static FailedStart database(String problem) {
        return new FailedStart(List.of(problem), "database problem", DATABASE_EXIT_STATUS);
    }

    String summary() {
        return "SMTPeter cannot start: " + howMany() + ": "
                + String.join("; ", problems);
    }

    private String howMany() {
        return problems.size() + " " + kind + (problems.size() == 1 ? "" : "s");
    }

    void report() {
        problems.forEach(LOG::severe);
    }

    /**
     * Logs the problems, then writes them once more, plain and one per line, straight to the
     * process's standard error, so they are the last lines an operator or a container log shows,
     * and ends the JVM with its status ({@link #EXIT_STATUS} for settings). It halts rather than exits: nothing has started
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
        err.println("SMTPeter cannot start: " + howMany() + " (listed above); exiting with status " + status);
        err.flush();
        Runtime.getRuntime().halt(status);
    }
}
