package org.smtpeter.dashboard.boundary;

import java.util.function.Function;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.smtpeter.audit.control.AuditLog;
import org.smtpeter.users.boundary.Viewer;

/**
 * A change made on the dashboard together with its audit entry, in one transaction: the entry
 * names the person logged in and their address, and is written only if the change commits. An
 * exception of the change, checked or not, rolls both back and reaches the page as before.
 */
@RequestScoped
public class Audited {

    /** A change that may refuse with a checked exception, e.g. an invalid webhook URL. */
    @FunctionalInterface
    public interface Change<T, E extends Exception> {
        T make() throws E;
    }

    /** A change that returns nothing. */
    @FunctionalInterface
    public interface Step<E extends Exception> {
        void run() throws E;
    }

    @Inject
    AuditLog log;

    @Inject
    Viewer viewer;

    /** A change whose detail is known beforehand. */
    @Transactional(rollbackOn = Exception.class)
    public <E extends Exception> void change(Long accountId, String action, String detail, Step<E> change) throws E {
        change.run();
        record(accountId, action, detail);
    }

    /** A change that reports whether there was anything to change; only then is it recorded. */
    @Transactional(rollbackOn = Exception.class)
    public boolean changeIf(Long accountId, String action, String detail, Change<Boolean, RuntimeException> change) {
        boolean changed = change.make();
        if (changed) {
            record(accountId, action, detail);
        }
        return changed;
    }

    /** A change that makes what the entry is about, e.g. a new account: account and detail come from the result. */
    @Transactional(rollbackOn = Exception.class)
    public <T, E extends Exception> T make(String action, Change<T, E> change, Function<T, Long> accountOf,
                                           Function<T, String> detailOf) throws E {
        T made = change.make();
        record(accountOf.apply(made), action, detailOf.apply(made));
        return made;
    }

    private void record(Long accountId, String action, String detail) {
        log.record(accountId, viewer.actor(), viewer.remoteAddress(), action, detail);
    }
}
