package org.smtpeter.domains.control;

import java.util.concurrent.ScheduledFuture;
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
import jakarta.inject.Inject;

/**
 * Checks every sender domain's records every {@code smtpeter.domains.check-interval-minutes}, so
 * that a rotation's keys go live once published and a domain whose key record disappeared stops
 * counting as verified. Each domain is checked in a transaction of its own; one that fails is
 * logged and tried again next time.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class DomainChecks {

    private static final Logger LOG = Logger.getLogger(DomainChecks.class.getName());

    @Resource
    ManagedScheduledExecutorService timer;

    @Inject
    SenderDomains domains;

    @Inject
    DomainSettings settings;

    private ScheduledFuture<?> round;

    @PostConstruct
    void start() {
        long minutes = settings.checkInterval().toMinutes();
        round = timer.scheduleWithFixedDelay(this::checkAll, minutes, minutes, TimeUnit.MINUTES);
    }

    @PreDestroy
    void stop() {
        round.cancel(false);
    }

    void checkAll() {
        for (long[] domain : domains.all()) {
            try {
                domains.check(domain[0], domain[1]);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "checking the DNS records of sender domain " + domain[1] + " failed", e);
            }
        }
    }
}
