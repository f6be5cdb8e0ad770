package org.smtpeter.instances.control;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** How often an instance says it lives, and how long the others wait before they count it dead. */
@ApplicationScoped
public class InstanceSettings {

    public static final String HEARTBEAT_KEY = "smtpeter.instances.heartbeat-seconds";
    public static final String DEAD_AFTER_KEY = "smtpeter.instances.dead-after-seconds";
    public static final int DEFAULT_HEARTBEAT_SECONDS = 5;
    public static final int DEFAULT_DEAD_AFTER_SECONDS = 30;
    /** Fewer missed beats than this are a hiccup (a GC pause, a slow commit), not a death. */
    public static final int MISSED_BEATS_BEFORE_DEAD = 3;

    @Inject
    @ConfigProperty(name = HEARTBEAT_KEY, defaultValue = "" + DEFAULT_HEARTBEAT_SECONDS)
    int heartbeatSeconds;

    @Inject
    @ConfigProperty(name = DEAD_AFTER_KEY, defaultValue = "" + DEFAULT_DEAD_AFTER_SECONDS)
    int deadAfterSeconds;

    public Duration heartbeat() {
        return Duration.ofSeconds(heartbeatSeconds);
    }

    public Duration deadAfter() {
        return Duration.ofSeconds(deadAfterSeconds);
    }
}
