package org.smtpeter.delivery.control;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * At most {@code smtpeter.delivery.max-per-destination} connections to one next hop at a time, and
 * a place to wait for one: a share that finds every connection busy waits for one to be given
 * back ({@link #release}, or one kept idle, {@link #freed}) rather than be put back and prepared
 * again.
 */
@ApplicationScoped
public class DestinationLimits {

    @Inject
    DeliverySettings settings;

    private final Map<String, Semaphore> destinations = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition given = lock.newCondition();
    /** Counts the connections given back, so that one given back between a look and the wait is not missed. */
    private long givenBack;

    public boolean tryAcquire(Hop hop) {
        return destinations.computeIfAbsent(hop.key(), key -> new Semaphore(settings.maxPerDestination())).tryAcquire();
    }

    public void release(Hop hop) {
        destinations.get(hop.key()).release();
        freed();
    }

    /** A connection is free to be taken: released, or kept idle for the next share. */
    void freed() {
        lock.lock();
        try {
            givenBack++;
            given.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** What to pass to {@link #awaitFreedSince}: read before looking for a connection. */
    long freedSoFar() {
        lock.lock();
        try {
            return givenBack;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until a connection (to any hop) was given back since {@code seen}, at most {@code nanos}.
     *
     * @return false when the time ran out first
     */
    boolean awaitFreedSince(long seen, long nanos) {
        lock.lock();
        try {
            long left = nanos;
            while (givenBack == seen) {
                if (left <= 0) {
                    return false;
                }
                left = given.awaitNanos(left);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }
}
