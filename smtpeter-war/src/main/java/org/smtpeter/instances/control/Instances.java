package org.smtpeter.instances.control;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
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
 * This relay process among the others on the same database: a new id at every start, a heartbeat
 * every few seconds, and, with each heartbeat, the claims of dead instances put back in the queue
 * (a relay that was killed, its own previous run included). A delivery that takes long on a live
 * instance is never taken from it: only a stopped heartbeat frees a claim.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Instances {

    private static final Logger LOG = Logger.getLogger(Instances.class.getName());

    private final String id = UUID.randomUUID().toString();
    private final String hostName = hostName();
    /** Real time, not the application's clock that tests move on: heartbeats measure how long a process has been silent. */
    private final Clock clock = Clock.systemUTC();

    @Resource
    ManagedScheduledExecutorService timer;

    @Inject
    InstanceRegistry registry;

    @Inject
    InstanceSettings settings;

    private Liveness liveness;
    private ScheduledFuture<?> heartbeat;
    private volatile boolean registered;

    @PostConstruct
    void start() {
        liveness = new Liveness(settings.deadAfter());
        beat();
        long millis = settings.heartbeat().toMillis();
        heartbeat = timer.scheduleWithFixedDelay(this::beat, millis, millis, TimeUnit.MILLISECONDS);
        LOG.info(() -> "instance " + id + " on " + hostName + " registered; heartbeat every "
                + settings.heartbeat().toSeconds() + " s, dead after " + settings.deadAfter().toSeconds() + " s");
    }

    /** Puts back what this instance still holds, so that the others send it at once instead of after dead-after. */
    @PreDestroy
    void stop() {
        heartbeat.cancel(false);
        try {
            int released = registry.leave(id, Instant.now(clock));
            LOG.info(() -> "instance " + id + " left; " + released + " claimed deliveries put back in the queue");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "instance " + id + " could not leave; the others release its claims once its"
                    + " heartbeat is " + settings.deadAfter().toSeconds() + " s old", e);
        }
    }

    /** The id that this instance's claims carry. */
    public String id() {
        return id;
    }

    /** Whether the database knows this instance: claims made before would look like a dead instance's. */
    public boolean registered() {
        return registered;
    }

    void beat() {
        Instant now = Instant.now(clock);
        try {
            registry.beat(id, hostName, now);
            registered = true;
            liveness.beat(now);
        } catch (RuntimeException e) {
            liveness.missed();
            LOG.log(Level.WARNING, "the heartbeat of instance " + id + " failed; retrying in "
                    + settings.heartbeat().toSeconds() + " s", e);
            return;
        }
        liveness.deadIfBeatBefore(now).ifPresent(deadBefore -> {
            try {
                int released = registry.releaseClaimsOfDead(deadBefore, now);
                if (released > 0) {
                    LOG.warning(() -> released + " deliveries claimed by instances without a heartbeat since "
                            + deadBefore + " put back in the queue");
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "releasing the claims of dead instances failed; retrying at the next heartbeat", e);
            }
        });
    }

    private static String hostName() {
        String pid = Long.toString(ProcessHandle.current().pid());
        try {
            return pid + "@" + InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return pid + "@localhost";
        }
    }
}
