package org.smtpeter.delivery.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;

import org.smtpeter.platform.control.Rounds;

/**
 * Runs the outbound queue: sends what intake claimed for this instance as it queued it
 * ({@link FreshClaims}), polls for due deliveries (and right after mail is queued unclaimed),
 * claims them within the global limit, and sends each domain's share on a container-managed
 * worker thread. The queue lives in the database, claims included: that is what makes it survive
 * restarts and lets several instances share it; only the hand-over of fresh claims is in memory.
 */
@Singleton
@Startup
// Instances starts before and stops after: claims need the registered instance, and it puts back
// what is still claimed once the workers here are done.
@DependsOn("Instances")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class DeliveryScheduler {

    private static final Logger LOG = Logger.getLogger(DeliveryScheduler.class.getName());
    private static final int CLAIM_LIMIT = 200;
    /** With 30 s connect and 300 s read timeouts this bounds a share well inside the 2-hour lease. */
    static final int MESSAGES_PER_SHARE = 20;
    /**
     * A new connection is worth it for this many messages: fewer, fuller shares mean fewer SMTP
     * sessions and transactions per message (a share per message costs a connection each).
     */
    static final int MESSAGES_PER_CONNECTION = 4;
    /**
     * After new mail, wait this long before claiming, so that mail arriving together is claimed
     * and sent together; far below what anyone waits for a delivery.
     */
    static final long LINGER_MILLIS = 25;
    /** At a stop, shares being sent get this long to finish; what is still claimed then is put back. */
    static final Duration STOP_DEADLINE = Duration.ofSeconds(20);

    @Resource
    ManagedScheduledExecutorService timer;

    /**
     * Threads for the workers: each keeps the application's context from its start, where a
     * managed executor captures it again for every share (a scan of the class loader's resources
     * each time, 1.2 % of the relay's CPU in the throughput profile).
     */
    @Resource
    ManagedThreadFactory threads;

    @Inject
    DeliveryQueue queue;

    @Inject
    Clock clock;

    @Inject
    ShipmentLoader shipments;

    @Inject
    AttemptRecords attempts;

    @Inject
    Courier courier;

    @Inject
    DeliverySettings settings;

    @Inject
    FreshClaims fresh;

    @Inject
    ClaimTimes claimTimes;

    /**
     * Claims whose attempts could be neither recorded nor put back (the database was away): they
     * stay SENDING under this live instance, which nobody else takes over, until put back here.
     */
    private final Queue<List<Long>> notPutBack = new ConcurrentLinkedQueue<>();
    /**
     * The leases of claims whose commit failed: it may have failed only on its way back, after the
     * database had committed, and then their deliveries would stay SENDING under this live instance.
     */
    private final Queue<Instant> uncertainClaims = new ConcurrentLinkedQueue<>();
    Semaphore concurrent;
    private ThreadPoolExecutor workers;
    /** Whether the next round also claims from the database: at a tick, after mail queued unclaimed, while more is due. */
    private final AtomicBoolean databaseWanted = new AtomicBoolean(true);
    private final Rounds rounds = new Rounds(this::round);

    @PostConstruct
    void start() {
        concurrent = new Semaphore(settings.maxConcurrent());
        // As many threads as shares may be sent at once (the semaphore), idle ones end after a while.
        workers = new ThreadPoolExecutor(settings.maxConcurrent(), settings.maxConcurrent(), 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), threads);
        workers.allowCoreThreadTimeOut(true);
        timer.scheduleWithFixedDelay(this::poll, settings.pollIntervalMillis(), settings.pollIntervalMillis(),
                TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        rounds.stop();
        try {
            if (!concurrent.tryAcquire(settings.maxConcurrent(), STOP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warning("shares still being sent after " + STOP_DEADLINE.toSeconds() + " s; stopping anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdown();
    }

    /**
     * New mail is committed ({@link NewMail}): send what intake claimed now instead of at the next
     * tick, and claim from the database too when mail was queued unclaimed.
     *
     * @param queuedUnclaimed whether some of it waits in the database to be claimed
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void lookNow(boolean queuedUnclaimed) {
        if (queuedUnclaimed) {
            databaseWanted.set(true);
        }
        look();
    }

    /** A tick: what is due in the database (retries, mail queued unclaimed) is claimed at least this often. */
    void poll() {
        databaseWanted.set(true);
        look();
    }

    private void look() {
        rounds.wake();
        try {
            rounds.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "polling the delivery queue failed; retrying at the next tick", e);
        }
    }

    /** A commit that held fresh claims failed: it may have committed all the same, so their lease is put back. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void uncertainClaim(Instant lease) {
        uncertainClaims.add(lease);
        databaseWanted.set(true);
    }

    private boolean round() {
        boolean fromDatabase = databaseWanted.getAndSet(false);
        boolean more = claimAndDispatch(fromDatabase);
        if (more && fromDatabase) {
            databaseWanted.set(true); // a full claim: more may be due
        }
        return more;
    }

    /** A round that claims from the database too, as at a tick. */
    boolean claimAndDispatch() {
        return claimAndDispatch(true);
    }

    /**
     * Dispatches fresh claims first, then, when {@code fromDatabase}, claims from the database as
     * much as the workers take besides.
     *
     * @return whether it got as many as it asked for, so that more may be due at once; after
     *         a partial claim the next look waits for new mail or the next tick, so that what
     *         arrives meanwhile is sent together
     */
    private boolean claimAndDispatch(boolean fromDatabase) {
        for (List<Long> ids = notPutBack.peek(); ids != null; ids = notPutBack.peek()) {
            // Held because the database was away, not because of them: due at once now that it answers
            // (the queue resumes within a poll of the database's return). Throws while it is still away.
            queue.release(ids, Duration.ZERO);
            notPutBack.poll();
        }
        for (Instant lease = uncertainClaims.peek(); lease != null; lease = uncertainClaims.peek()) {
            int released = queue.releaseClaim(lease);
            if (released > 0) {
                LOG.warning(released + " deliveries claimed by a claim whose commit seemed to fail are put back");
            }
            uncertainClaims.poll();
        }
        int capacity = concurrent.availablePermits();
        if (capacity == 0) {
            return false;
        }
        int limit = Math.min(CLAIM_LIMIT, capacity * MESSAGES_PER_SHARE);
        List<DeliveryQueue.Claimed> claimed = claim(limit, fromDatabase);
        if (claimed.isEmpty()) {
            return false;
        }
        dispatchAll(claimed);
        return claimed.size() >= limit;
    }

    /** About {@code limit} deliveries to send: fresh claims first, then, when {@code fromDatabase}, claimed from the database. */
    List<DeliveryQueue.Claimed> claim(int limit, boolean fromDatabase) {
        List<DeliveryQueue.Claimed> claimed = new ArrayList<>(fresh.take(limit));
        if (fromDatabase && claimed.size() < limit) {
            Instant now = claimTimes.next();
            try {
                claimed.addAll(queue.claim(limit - claimed.size(), now));
            } catch (RuntimeException e) {
                uncertainClaims.add(DeliveryQueue.leaseFor(now));
                fresh.arrived(claimed); // still this instance's to send, at the next round
                throw e;
            }
        }
        return claimed;
    }

    private void dispatchAll(List<DeliveryQueue.Claimed> claimed) {
        Map<String, List<DeliveryQueue.Claimed>> byDomain = new LinkedHashMap<>();
        claimed.forEach(c -> byDomain.computeIfAbsent(c.domain(), d -> new ArrayList<>()).add(c));
        byDomain.forEach((domain, deliveries) -> shares(deliveries).forEach(share -> dispatch(domain, share)));
    }

    /**
     * Splits one domain's deliveries into as many shares as the destination takes connections,
     * keeping each message's recipients together (they go in one transaction).
     */
    private List<List<DeliveryQueue.Claimed>> shares(List<DeliveryQueue.Claimed> deliveries) {
        Map<Long, List<DeliveryQueue.Claimed>> byMessage = new LinkedHashMap<>();
        deliveries.forEach(c -> byMessage.computeIfAbsent(c.messageId(), id -> new ArrayList<>()).add(c));
        // As many connections as the messages are worth, up to the destination's limit, and no
        // share so long that it outlives its lease.
        int worthConnecting = (byMessage.size() + MESSAGES_PER_CONNECTION - 1) / MESSAGES_PER_CONNECTION;
        int count = Math.max(Math.min(settings.maxPerDestination(), worthConnecting),
                (byMessage.size() + MESSAGES_PER_SHARE - 1) / MESSAGES_PER_SHARE);
        List<List<DeliveryQueue.Claimed>> shares = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            shares.add(new ArrayList<>());
        }
        int next = 0;
        for (List<DeliveryQueue.Claimed> message : byMessage.values()) {
            shares.get(next++ % count).addAll(message);
        }
        return shares;
    }

    private void dispatch(String domain, List<DeliveryQueue.Claimed> claimed) {
        concurrent.acquireUninterruptibly();
        try {
            workers.execute(() -> {
                try {
                    send(domain, claimed);
                } finally {
                    concurrent.release();
                }
            });
        } catch (RuntimeException rejected) {
            concurrent.release();
            putBack(ids(claimed), Duration.ofSeconds(5));
        }
    }

    /**
     * Sends one share. The courier reports its own failures as replies; what fails before it (a
     * message that cannot be prepared) is still an attempt, so that the retry schedule, the
     * expiry and the sender's notice apply to it as to any other failure, never a retry for ever.
     */
    private void send(String domain, List<DeliveryQueue.Claimed> claimed) {
        Shipment shipment;
        try {
            shipment = shipments.load(claimed);
        } catch (RuntimeException e) {
            notPrepared(domain, claimed, e);
            return;
        }
        List<AttemptResult> results;
        try (shipment) {
            results = courier.send(domain, shipment.parcels());
        }
        try {
            attempts.record(results, claimed);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "recording the attempts to " + domain + " failed; the deliveries are tried again", e);
            putBack(ids(claimed), retryAfter(e));
        }
    }

    /** One message of a share that cannot be prepared must not hold back the others: each is tried alone. */
    private void notPrepared(String domain, List<DeliveryQueue.Claimed> claimed, RuntimeException e) {
        Map<Long, List<DeliveryQueue.Claimed>> byMessage = new LinkedHashMap<>();
        claimed.forEach(c -> byMessage.computeIfAbsent(c.messageId(), id -> new ArrayList<>()).add(c));
        if (byMessage.size() > 1) {
            byMessage.values().forEach(message -> send(domain, message));
            return;
        }
        LOG.log(Level.SEVERE, "message " + claimed.get(0).messageId() + " to " + domain
                + " cannot be prepared; counted as a failed attempt", e);
        try {
            attempts.record(failedAttempts(claimed, e), claimed);
        } catch (RuntimeException recordingFailed) {
            LOG.log(Level.SEVERE, "recording the failed attempt failed too; the deliveries are tried again", recordingFailed);
            putBack(ids(claimed), retryAfter(recordingFailed));
        }
    }

    /**
     * When deliveries whose attempt could not be recorded are due again. A database that failed
     * (a connection the outage broke, say) is over once it answers, so they are due within seconds;
     * any other fault waits a minute, so that one that repeats does not resend mail every few seconds.
     */
    static Duration retryAfter(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException || cause instanceof jakarta.persistence.PersistenceException
                    || cause instanceof jakarta.resource.ResourceException) {
                return Duration.ofSeconds(2);
            }
        }
        return Duration.ofMinutes(1);
    }

    private void putBack(List<Long> ids, Duration delay) {
        try {
            queue.release(ids, delay);
        } catch (RuntimeException databaseAway) {
            LOG.log(Level.WARNING, ids.size() + " claimed deliveries cannot be put back now; trying again at the next poll",
                    databaseAway);
            notPutBack.add(ids);
        }
    }

    private List<AttemptResult> failedAttempts(List<DeliveryQueue.Claimed> claimed, RuntimeException e) {
        Instant now = Instant.now(clock);
        return claimed.stream()
                .map(c -> new AttemptResult(c.deliveryId(), Reply.unexpected(e), null, null, now, 0, false))
                .toList();
    }

    private static List<Long> ids(List<DeliveryQueue.Claimed> claimed) {
        return claimed.stream().map(DeliveryQueue.Claimed::deliveryId).toList();
    }
}
