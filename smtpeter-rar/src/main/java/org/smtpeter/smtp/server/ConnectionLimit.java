package org.smtpeter.smtp.server;

import java.util.concurrent.Semaphore;

/** The maximum of concurrent SMTP connections, shared by all listeners of one adapter. */
public final class ConnectionLimit {

    private final Semaphore permits;
    private final int max;

    public ConnectionLimit(int max) {
        this.max = max;
        this.permits = new Semaphore(max);
    }

    boolean tryOpen() {
        return permits.tryAcquire();
    }

    void closed() {
        permits.release();
    }

    public int open() {
        return max - permits.availablePermits();
    }
}
