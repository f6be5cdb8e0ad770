package org.smtpeter.events.control;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.smtpeter.platform.control.Rounds;

/**
 * Empties the outbox onto the topic: right after a transaction with events commits, and every
 * second for what failed before. One round at a time per instance; several instances share the
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

    private final Clock clock = Clock.tickMillis(ZoneOffset.UTC);
    private final Rounds rounds = new Rounds(this::round);
    /** Logs the first failure of a streak and the recovery, not every retry. */
    private volatile boolean failing;

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

    /** Events were committed: publish them now rather than at the next tick. */
    public void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) MailEvent event) {
        if (settings.publishes() && !rounds.isStopped()) {
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
        EventOutbox.Round round;
        try {
            round = outbox.publishDue(now);
        } catch (RuntimeException commitFailed) {
            // The broker failed at commit: everything was rolled back and is due again at the next tick.
            failed(commitFailed.toString());
            return false;
        }
        if (round.failedIds().isEmpty()) {
            if (failing && round.published() > 0) {
                failing = false;
                LOG.info("publishing events works again");
            }
            return round.full();
        }
        failed(round.error());
        outbox.postpone(round.failedIds(), round.error(), now);
        return false;
    }

    private void failed(String error) {
        if (!failing) {
            failing = true;
            LOG.warning(() -> "cannot publish events to " + settings.topic() + " (" + error
                    + "); they stay in the outbox and are tried again");
        }
    }
}
