package org.smtpeter.delivery.control;

import java.time.Duration;
import java.util.Collections;
import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.smtpeter.platform.control.TransactionGroups;

/**
 * Records the attempts of shares that end at about the same time in one transaction
 * ({@link TransactionGroups}): the shares of one claim are sent side by side and end together.
 * The commit of each share's record (its flush, on H2 the writing of every changed page, and the
 * container's work) was 15 % of the relay's CPU samples in the throughput profile; grouped, the
 * benchmark's load records 1.8 shares per transaction instead of one. Gathering for
 * {@link #GATHER} took the committer from 21 to 14 % of the samples, H2's page writing from 15 to
 * 9 % (BENCHMARKS.md, 2026-12-07 evening). The worker still
 * waits until its share's record has committed, and puts the deliveries back when it fails. A
 * share of a group that fails is recorded again alone; a record is only done while the claim
 * still holds, so doing it twice after a commit whose answer was lost changes nothing.
 */
@ApplicationScoped
public class AttemptRecords {

    /** More than the shares of one claim usually are. */
    static final int MAX_GROUP = 32;
    /**
     * How long the committer gathers shares before it records them: the worker has sent its share
     * and given its connection back, so the wait holds nothing but the worker itself.
     */
    static final Duration GATHER = Duration.ofMillis(20);
    /**
     * A share the committer has not taken by then is put back by its worker, as after a failed
     * record: longer than the intake's wait, since the mail was sent and is sent again.
     */
    static final Duration QUEUE_WAIT = Duration.ofSeconds(30);
    /** At a stop, what is waiting gets this long; what is not recorded then is put back by its worker. */
    private static final long STOP_MILLIS = 10_000;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    AfterAttempt afterAttempt;

    private TransactionGroups<AfterAttempt.Share, Boolean> groups;

    @PostConstruct
    void start() {
        groups = new TransactionGroups<>("smtpeter-attempt-records", MAX_GROUP, QUEUE_WAIT, GATHER, this::recordAll,
                this::recordAlone);
        groups.start(threads);
    }

    @PreDestroy
    void stop() {
        groups.stop(System.currentTimeMillis() + STOP_MILLIS);
    }

    /**
     * Records one share's attempts with whatever else is waiting.
     *
     * @throws RuntimeException when they were not recorded (or it is not known whether they were)
     */
    public void record(List<AttemptResult> results, List<DeliveryQueue.Claimed> claims) {
        if (!results.isEmpty()) {
            groups.commit(new AfterAttempt.Share(results, claims));
        }
    }

    /** How many shares wait for a committer. */
    int waitingCount() {
        return groups.waitingCount();
    }

    private List<Boolean> recordAll(List<AfterAttempt.Share> shares) {
        afterAttempt.recordAll(shares);
        return Collections.nCopies(shares.size(), Boolean.TRUE);
    }

    private Boolean recordAlone(AfterAttempt.Share share) {
        afterAttempt.recordAll(List.of(share));
        return Boolean.TRUE;
    }
}
