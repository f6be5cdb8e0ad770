package org.smtpeter.events.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;

import org.smtpeter.platform.control.Rounds;

/**
 * Empties the outbox onto the topic, oldest first: right after a transaction with events commits,
 * and every second; after a failure it waits before the next try. One round at a time per instance; several instances share the
 * outbox through row locks.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class.getName());

    @Resource
    ManagedScheduledExecutorService timer;

    @Inject
    EventOutbox outbox;

    @Inject
    EventSettings settings;

    @Inject
    Clock clock;
    private final Rounds rounds = new Rounds(this::round);
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(5);
    /** Failed rounds in a row: the first is logged, and each makes the next wait longer. */
    private volatile int failures;
    private volatile Instant pausedUntil = Instant.EPOCH;

    @PostConstruct
    void start() {
        if (settings.publishes()) {
            LOG.info(() -> "publishing events to " + settings.topic() + " through " + settings.connectionFactory());
            timer.scheduleWithFixedDelay(this::publish, 1, 1, TimeUnit.SECONDS);
        }
    }

    @PreDestroy
    void stop() {
        rounds.stop();
    }

    /** Events were committed ({@link CommittedEvents}): publish them now rather than at the next tick. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void publishSoon() {
        if (!rounds.isStopped()) {
            rounds.wake();
            timer.execute(this::publish);
        }
    }

    void publish() {
        try {
            rounds.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "publishing events failed; trying again in a second", e);
        }
    }

    private boolean round() {
        Instant now = Instant.now(clock);
        if (now.isBefore(pausedUntil)) {
            return false;
        }
        EventOutbox.Round round;
        try {
            round = outbox.publishOldest();
        } catch (RuntimeException commitFailed) {
            // The broker failed at commit: everything was rolled back and waits as it was.
            failed(commitFailed.toString(), now);
            return false;
        }
        if (round.failedIds().isEmpty()) {
            if (failures > 0 && round.published() > 0) {
                failures = 0;
                LOG.info("publishing events works again");
            }
            return round.full();
        }
        failed(round.error(), now);
        outbox.failed(round.failedIds(), round.error());
        return false;
    }

    /**
     * Waits longer after each failure in a row (2 s, 4 s, ... up to five minutes). The whole outbox
     * waits, not single events: they stay in order, and the broker is not asked once per event.
     */
    private void failed(String error, Instant now) {
        if (failures == 0) {
            LOG.warning(() -> "cannot publish events to " + settings.topic() + " (" + error
                    + "); they stay in the outbox and are tried again");
        }
        Duration wait = Duration.ofSeconds(1L << Math.min(failures + 1, 9));
        pausedUntil = now.plus(wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait);
        failures++;
    }
}
