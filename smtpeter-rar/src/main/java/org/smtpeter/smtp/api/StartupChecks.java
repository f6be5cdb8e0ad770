package org.smtpeter.smtp.api;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the adapter and the application meet at start. The adapter checks its settings when it
 * starts and keeps its problems here; the application reports them with its own. No listener
 * binds before the application has found every setting valid: Payara activates the message-driven
 * beans, and so asks for the listeners, before the application's own code can run, and a relay
 * that is about to refuse to start must not take mail for a moment. Each adapter keeps one; the
 * application reaches it through {@link AdapterStatus}.
 */
public final class StartupChecks {

    private List<String> adapterProblems = List.of();
    private boolean applicationPassed;
    private final List<Runnable> waiting = new ArrayList<>();

    public synchronized void adapterProblems(List<String> found) {
        adapterProblems = List.copyOf(found);
    }

    /** One line per problem, naming the key, the value given and what is allowed; empty when all is well. */
    public synchronized List<String> adapterProblems() {
        return adapterProblems;
    }

    /** Runs the action once the application has passed its checks: now, if it has. */
    public void afterApplicationPassed(Runnable action) {
        synchronized (this) {
            if (!applicationPassed) {
                waiting.add(action);
                return;
            }
        }
        action.run();
    }

    /** Every setting is valid: what waited for that runs now, on the caller's thread. */
    public void applicationPassed() {
        List<Runnable> released;
        synchronized (this) {
            applicationPassed = true;
            released = List.copyOf(waiting);
            waiting.clear();
        }
        released.forEach(Runnable::run);
    }

    /** The application stops; when it is deployed again, its listeners wait for its checks again. */
    public synchronized void applicationStopped() {
        applicationPassed = false;
        waiting.clear();
    }
}
