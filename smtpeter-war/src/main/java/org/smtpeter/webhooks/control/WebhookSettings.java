package org.smtpeter.webhooks.control;

import java.time.Duration;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.smtpeter.platform.control.Settings;
import org.smtpeter.smtp.api.SettingsCheck;

/** Where webhooks may go and how long a try may take. */
@ApplicationScoped
public class WebhookSettings {

    static final String ALLOW_PRIVATE = "smtpeter.webhooks.allow-private-addresses";

    @Inject
    Config config;

    private boolean allowPrivateAddresses;
    private Duration timeout;
    private int concurrency;

    @PostConstruct
    void read() {
        read(Settings.of(config));
    }

    /** Reads every setting with its default and check; at start the same reading is the check. */
    public WebhookSettings read(SettingsCheck settings) {
        allowPrivateAddresses = settings.flag(ALLOW_PRIVATE, false);
        timeout = settings.duration("smtpeter.webhooks.timeout", "PT10S");
        if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(Duration.ofMinutes(1)) > 0) {
            settings.invalid("smtpeter.webhooks.timeout", timeout.toString(), "a duration from PT1S to PT1M");
        }
        concurrency = settings.count("smtpeter.webhooks.concurrency", 8, 1);
        return this;
    }

    /** Whether loopback, private and other non-public addresses may be called (tests, closed networks). */
    public boolean allowPrivateAddresses() {
        return allowPrivateAddresses;
    }

    /** For connecting and for the whole answer, each. */
    public Duration timeout() {
        return timeout;
    }

    /** Endpoints sent to at the same time by one relay. */
    public int concurrency() {
        return concurrency;
    }
}
