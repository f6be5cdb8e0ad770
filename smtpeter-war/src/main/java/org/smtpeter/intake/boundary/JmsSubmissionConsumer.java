package org.smtpeter.intake.boundary;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;

import org.smtpeter.intake.control.JmsIntake;
import org.smtpeter.intake.control.JmsSubmissionSettings;

/**
 * Consumes the JMS submission queue when {@code smtpeter.jms.submission-queue} names one. It is a
 * container-managed consumer thread, not a message-driven bean, because a JMS MDB in the war would
 * stop the war from deploying on Payara Micro, which has no JMS provider ("Resource adapter jmsra
 * is not deployed"); each receive still runs in a container transaction with the store.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class JmsSubmissionConsumer {

    private static final Logger LOG = Logger.getLogger(JmsSubmissionConsumer.class.getName());
    private static final long RECEIVE_WAIT_MILLIS = 1000;
    private static final long LONGEST_PAUSE_MILLIS = 30_000;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    JmsSubmissionSettings settings;

    @Inject
    JmsIntake intake;

    private volatile boolean stopped;
    private Thread consumer;

    @PostConstruct
    void start() {
        if (!settings.enabled()) {
            return;
        }
        LOG.info(() -> "taking mail from the JMS queue " + settings.queue());
        consumer = threads.newThread(this::consume);
        consumer.setName("smtpeter-jms-submissions");
        consumer.start();
    }

    /** Lets a receive in progress finish its transaction before the application goes away. */
    @PreDestroy
    void stop() {
        stopped = true;
        if (consumer == null) {
            return;
        }
        try {
            consumer.join(RECEIVE_WAIT_MILLIS + 10_000);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        if (consumer.isAlive()) {
            consumer.interrupt();
        }
    }

    private void consume() {
        long pause = 0;
        while (!stopped) {
            try {
                intake.takeOne(RECEIVE_WAIT_MILLIS);
                if (pause > 0) {
                    LOG.info("the JMS submission queue works again");
                }
                pause = 0;
            } catch (Exception e) {
                // The broker or the database is away; the message stays on the queue. Wait longer each time.
                if (stopped) {
                    return;
                }
                if (pause == 0) {
                    LOG.log(Level.WARNING, "taking mail from " + settings.queue() + " failed; retrying", e);
                }
                pause = Math.min(Math.max(pause * 2, 500), LONGEST_PAUSE_MILLIS);
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }
}
