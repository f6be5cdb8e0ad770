package org.smtpeter.bounces.control;

import java.time.Duration;
import java.time.format.DateTimeParseException;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How much the bounce path takes, from {@code smtpeter.bounces.*} (see docs/configuration.md).
 * Anyone who saw a message's Return-Path may write to its bounce address, so the path is narrower
 * than submission:
 * an address lives for a while after its delivery, takes small messages, and only so many of them.
 * Checked when the application starts, so a bad value stops the deployment with its key named.
 */
@ApplicationScoped
public class BounceSettings {

    @Inject
    @ConfigProperty(name = "smtpeter.bounces.address-lifetime", defaultValue = "P30D")
    String addressLifetime;

    @Inject
    @ConfigProperty(name = "smtpeter.bounces.max-message-size", defaultValue = "1048576")
    String maxMessageSize;

    @Inject
    @ConfigProperty(name = "smtpeter.bounces.rate.window", defaultValue = "PT1H")
    String rateWindow;

    @Inject
    @ConfigProperty(name = "smtpeter.bounces.rate.per-address", defaultValue = "10")
    String perAddress;

    @Inject
    @ConfigProperty(name = "smtpeter.bounces.rate.per-client", defaultValue = "1000")
    String perClient;

    @Inject
    @ConfigProperty(name = "smtpeter.bounces.rate.forwards-per-address", defaultValue = "3")
    String forwardsPerAddress;

    @Inject
    @ConfigProperty(name = "smtpeter.bounces.rate.forwards-per-client", defaultValue = "100")
    String forwardsPerClient;

    private Limits limits;

    /** The checked values. */
    public record Limits(Duration addressLifetime, long maxMessageSize, Duration rateWindow, int perAddress,
                         int perClient, int forwardsPerAddress, int forwardsPerClient) {
    }

    @PostConstruct
    void check() {
        limits = new Limits(
                duration("smtpeter.bounces.address-lifetime", addressLifetime),
                positive("smtpeter.bounces.max-message-size", maxMessageSize),
                duration("smtpeter.bounces.rate.window", rateWindow),
                count("smtpeter.bounces.rate.per-address", perAddress),
                count("smtpeter.bounces.rate.per-client", perClient),
                count("smtpeter.bounces.rate.forwards-per-address", forwardsPerAddress),
                count("smtpeter.bounces.rate.forwards-per-client", forwardsPerClient));
    }

    /** Reads the settings at deployment rather than at the first bounce. */
    void atStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        limits();
    }

    public Limits limits() {
        return limits;
    }

    static Duration duration(String key, String value) {
        try {
            Duration duration = Duration.parse(value.strip());
            if (!duration.isNegative() && !duration.isZero()) {
                return duration;
            }
        } catch (DateTimeParseException notADuration) {
            // reported below
        }
        throw new IllegalArgumentException(key + " must be a positive ISO-8601 duration such as P30D or PT1H, not '"
                + value + "'");
    }

    static int count(String key, String value) {
        return (int) Math.min(Integer.MAX_VALUE, positive(key, value));
    }

    static long positive(String key, String value) {
        try {
            long number = Long.parseLong(value.strip());
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IllegalArgumentException(key + " must be a whole number above 0, not '" + value + "'");
    }
}
