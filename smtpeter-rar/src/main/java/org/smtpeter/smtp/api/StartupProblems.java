package org.smtpeter.smtp.api;

import java.util.List;

/**
 * The adapter's invalid settings, found when it started. The adapter then opens no listener, and
 * the application reports these together with its own and stops the relay: one report of every
 * problem instead of a failed deployment per problem. As with {@link ListenerStates}, the
 * adapter's one instance is {@link #global()}.
 */
public final class StartupProblems {

    private static final StartupProblems GLOBAL = new StartupProblems();

    private volatile List<String> problems = List.of();

    public static StartupProblems global() {
        return GLOBAL;
    }

    public void found(List<String> found) {
        problems = List.copyOf(found);
    }

    /** One line per problem, naming the key, the value given and what is allowed; empty when all is well. */
    public List<String> list() {
        return problems;
    }
}
