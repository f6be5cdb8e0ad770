package org.smtpeter.intake.control;

import java.time.Duration;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.smtpeter.platform.control.TransactionGroups;
import org.smtpeter.smtp.api.Envelope;
import org.smtpeter.smtp.api.ReceivedMessage;

/**
 * Stores the (small) messages whose data ends at about the same time in one transaction, so that they
 * share its commit ({@link TransactionGroups}; the commit and the container's work around a
 * transaction were together 12 % of the relay's CPU in the throughput profile, once per message).
 * Each client still gets its 250 only once the commit that holds its message is done. A message
 * of a batch that fails is stored again alone: a commit whose answer was lost (PostgreSQL going
 * away at that moment) may then store it twice and send it twice, as when a client sends again
 * after a 4xx; none is lost.
 */
@ApplicationScoped
public class GroupCommit {

    /** Enough for every connection at once on a small machine; a bigger batch holds its first ones back. */
    static final int MAX_BATCH = 16;
    /**
     * Larger messages are stored by their own threads, at once and side by side as before: for them
     * the commit is a small part of the work, and in a batch they would hold the small ones back.
     */
    static final long MAX_BATCHED_BYTES = 1024 * 1024;
    /**
     * A message the committer has not taken by then gets a 4xx, untouched: a commit that hangs (the
     * database going away) must not keep every client waiting without an answer. Under load a
     * message waits for one commit, tens of milliseconds.
     */
    static final Duration QUEUE_WAIT = Duration.ofSeconds(5);
    /**
     * Under load the committer waits this long for more messages before it stores a batch: fewer,
     * larger commits (the committer's share of the relay's CPU samples 28.9 -> 23.2 % in the
     * throughput profile) for a few milliseconds on a 250 that takes tens; end of DATA p99 was no
     * higher. A message alone, with no load, is not held back.
     */
    static final Duration GATHER = Duration.ofMillis(5);
    /** At a stop, what is waiting gets this long to be stored. */
    private static final long STOP_MILLIS = 20_000;

    /** Threads that keep the application's context, for the transactions of the batches. */
    @Resource
    ManagedThreadFactory threads;

    @Inject
    IncomingMessages incoming;

    /** A message waiting for a commit. */
    public record Pending(Envelope envelope, ReceivedMessage received) {
    }

    private TransactionGroups<Pending, String> batches;

    @PostConstruct
    void start() {
        batches = new TransactionGroups<>("smtpeter-group-commit", MAX_BATCH, QUEUE_WAIT, GATHER, incoming::storeAll,
                pending -> incoming.store(pending.envelope(), pending.received()));
        batches.start(threads);
    }

    @PreDestroy
    void stop() {
        batches.stop(System.currentTimeMillis() + STOP_MILLIS);
    }

    /**
     * Stores the message with whatever else is waiting.
     *
     * @return its public id, once the transaction that holds it is committed
     * @throws RuntimeException when it was not stored (or, as for any commit that fails, it is not
     *                          known whether it was): the client gets a 4xx
     */
    public String store(Envelope envelope, ReceivedMessage received) {
        if (received.size() > MAX_BATCHED_BYTES) {
            return incoming.store(envelope, received);
        }
        return batches.commit(new Pending(envelope, received));
    }

    /** How many messages wait for a committer. */
    int waitingCount() {
        return batches.waitingCount();
    }
}
