package org.smtpeter.webhooks.control;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedExecutorDefinition;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.smtpeter.platform.control.Rounds;

/**
 * Sends the webhook outbox: every second, and right after a transaction wrote to it, it claims
 * the endpoints with a due event and sends each one's events on a worker of its managed executor,
 * at most {@code smtpeter.webhooks.concurrency} endpoints at a time, so that a slow endpoint
 * holds up only itself.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@ManagedExecutorDefinition(name = WebhookSender.EXECUTOR, maxAsync = 16)
public class WebhookSender {

    static final String EXECUTOR = "java:app/concurrent/WebhookWorkers";
    private static final Logger LOG = Logger.getLogger(WebhookSender.class.getName());

    @Resource
    ManagedScheduledExecutorService timer;

    @Resource(lookup = EXECUTOR)
    ManagedExecutorService workers;

    @Inject
    WebhookOutbox outbox;

    @Inject
    WebhookPoster poster;

    @Inject
    WebhookSettings settings;

    private final Rounds rounds = new Rounds(this::round);
    private final Set<Long> sending = ConcurrentHashMap.newKeySet();
    private Semaphore slots;

    @PostConstruct
    void start() {
        slots = new Semaphore(settings.concurrency());
        timer.scheduleWithFixedDelay(this::poll, 1, 1, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        rounds.stop();
    }

    public void queued(@Observes(during = TransactionPhase.AFTER_SUCCESS) WebhookQueued event) {
        if (!rounds.isStopped()) {
            rounds.wake();
            timer.execute(this::poll);
        }
    }

    void poll() {
        try {
            rounds.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "polling the webhook outbox failed; trying again in a second", e);
        }
    }

    /** Hands each due endpoint that is free to a worker; never waits for one. */
    private boolean round() {
        List<Long> due = outbox.dueEndpoints(settings.concurrency() * 2);
        for (Long endpoint : due) {
            if (sending.contains(endpoint) || !slots.tryAcquire()) {
                continue;
            }
            if (!outbox.claim(endpoint)) {
                slots.release(); // another relay has it
                continue;
            }
            sending.add(endpoint);
            try {
                workers.execute(() -> send(endpoint));
            } catch (RejectedExecutionException stopping) {
                done(endpoint);
            }
        }
        return false;
    }

    /** Sends the endpoint's due events in order until one fails, none is due, or half the lease is used. */
    private void send(long endpoint) {
        long deadline = System.nanoTime() + WebhookOutbox.LEASE.dividedBy(2).toNanos();
        try {
            while (!rounds.isStopped() && System.nanoTime() < deadline) {
                WebhookOutbox.Attempt attempt = outbox.next(endpoint).orElse(null);
                if (attempt == null || !outbox.tried(attempt, poster.post(attempt))) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "sending to webhook endpoint " + endpoint + " failed; trying again later", e);
        } finally {
            done(endpoint);
        }
    }

    private void done(long endpoint) {
        try {
            outbox.release(endpoint);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "could not release webhook endpoint " + endpoint + "; its lease runs out", e);
        } finally {
            sending.remove(endpoint);
            slots.release();
        }
        // What this endpoint still has may be due at once (a success, or the lease half used).
        if (!rounds.isStopped()) {
            rounds.wake();
            timer.execute(this::poll);
        }
    }
}
