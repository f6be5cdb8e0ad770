package org.smtpeter.instances.control;

import java.time.Duration;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.smtpeter.platform.control.Settings;
import org.smtpeter.smtp.api.SettingsCheck;

/** How often an instance says it lives, and how long the others wait before they count it dead. */
@ApplicationScoped
public class InstanceSettings {

    /** Fewer missed beats than this are a hiccup (a GC pause, a slow commit), not a death. */
    public static final int MISSED_BEATS_BEFORE_DEAD = 3;

    @Inject
    Config config;

    private Duration heartbeat;
    private Duration deadAfter;

    @PostConstruct
    void read() {
        read(Settings.of(config));
    }

    /** Reads both settings with their defaults and checks; at start the same reading is the check. */
    public InstanceSettings read(SettingsCheck settings) {
        int heartbeatSeconds = settings.count("smtpeter.instances.heartbeat-seconds", 5, 1);
        int deadAfterSeconds = settings.count("smtpeter.instances.dead-after-seconds", 30, 1);
        if (deadAfterSeconds < MISSED_BEATS_BEFORE_DEAD * heartbeatSeconds) {
            settings.invalid("smtpeter.instances.dead-after-seconds", Integer.toString(deadAfterSeconds),
                    "at least " + MISSED_BEATS_BEFORE_DEAD + " heartbeats (smtpeter.instances.heartbeat-seconds x "
                            + MISSED_BEATS_BEFORE_DEAD + " = " + MISSED_BEATS_BEFORE_DEAD * heartbeatSeconds + ")");
        }
        heartbeat = Duration.ofSeconds(heartbeatSeconds);
        deadAfter = Duration.ofSeconds(deadAfterSeconds);
        return this;
    }

    public Duration heartbeat() {
        return heartbeat;
    }

    public Duration deadAfter() {
        return deadAfter;
    }
}
