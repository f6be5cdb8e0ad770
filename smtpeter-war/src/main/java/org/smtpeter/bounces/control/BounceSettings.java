package org.smtpeter.bounces.control;

import java.time.Duration;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.smtpeter.platform.control.Settings;
import org.smtpeter.smtp.api.SettingsCheck;

/**
 * How much the bounce path takes, from {@code smtpeter.bounces.*} (see docs/configuration.md).
 * Anyone who saw a message's Return-Path may write to its bounce address, so the path is narrower
 * than submission: an address lives for a while after its delivery, takes small messages, and only
 * so many of them. Checked when the application starts (the same reading), so a bad value stops it
 * with its key named.
 */
@ApplicationScoped
public class BounceSettings {

    @Inject
    Config config;

    private Limits limits;

    /** The checked values. */
    public record Limits(Duration addressLifetime, long maxMessageSize, Duration rateWindow, int perAddress,
                         int perClient, int forwardsPerAddress, int forwardsPerClient) {

        /** Reads every key with its default and its check; what is wrong goes to {@code settings}' problems. */
        public static Limits read(SettingsCheck settings) {
            return new Limits(
                    settings.duration("smtpeter.bounces.address-lifetime", "P30D"),
                    settings.whole("smtpeter.bounces.max-message-size", 1_048_576, 1, Long.MAX_VALUE),
                    settings.duration("smtpeter.bounces.rate.window", "PT1H"),
                    settings.count("smtpeter.bounces.rate.per-address", 10, 1),
                    settings.count("smtpeter.bounces.rate.per-client", 1000, 1),
                    settings.count("smtpeter.bounces.rate.forwards-per-address", 3, 1),
                    settings.count("smtpeter.bounces.rate.forwards-per-client", 100, 1));
        }
    }

    @PostConstruct
    void read() {
        limits = Limits.read(Settings.of(config));
    }

    public Limits limits() {
        return limits;
    }
}
