package org.smtpeter.intake.control;

import java.util.concurrent.Semaphore;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * How many bytes of messages sent over HTTP are being handled at once. SMTP spools what it
 * receives to disk, but the send API holds a request in memory several times over (the body, the
 * parsed JSON, the composed message), so a few large requests at once could take the whole heap:
 * beyond this budget a request is turned away with a retry hint instead.
 */
@ApplicationScoped
public class ApiUploads {

    /** About a quarter of the one-command run's 512 MB heap, counting the copies a request makes. */
    static final long BUDGET_BYTES = 32L * 1024 * 1024;
    private static final long UNIT = 1024;

    private final Semaphore kilobytes = new Semaphore((int) (BUDGET_BYTES / UNIT));

    /** A share of the budget, held until it is closed. */
    public interface Share extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * @param bytes what the request will hold: its declared length, or the limit when it declares none
     * @return the share, or null when the budget is used up now
     */
    public Share tryReserve(long bytes) {
        int units = (int) Math.min(BUDGET_BYTES / UNIT, Math.max(1, (bytes + UNIT - 1) / UNIT));
        if (!kilobytes.tryAcquire(units)) {
            return null;
        }
        return () -> kilobytes.release(units);
    }
}
