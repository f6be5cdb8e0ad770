package org.smtpeter.startup.control;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.smtpeter.bounces.control.BounceSettings;
import org.smtpeter.delivery.control.DeliverySettings;
import org.smtpeter.instances.control.InstanceSettings;
import org.smtpeter.smtp.api.SettingsCheck;
import org.smtpeter.webhooks.control.WebhookSettings;

/**
 * Every check of the application's settings (the adapter checks its own): types, ranges and the
 * forms of host names, addresses, durations and URLs. The defaults here are those of the classes
 * that read the keys; docs/configuration.md lists them.
 */
final class ApplicationSettings {

    /** Below this, Jakarta Security's PBKDF2 refuses to hash at all. */
    static final int MIN_PBKDF2_ITERATIONS = 1024;
    /** As {@code TrackingTokens} requires of its HMAC key. */
    static final int MIN_TRACKING_SECRET_BYTES = 16;
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?");

    private final SettingsCheck check;

    ApplicationSettings(Function<String, Optional<String>> lookup) {
        this.check = new SettingsCheck(lookup);
    }

    /** One line per problem; empty when the application can start. */
    List<String> problems() {
        names();
        credentials();
        delivery();
        instances();
        bounces();
        tracking();
        domains();
        new WebhookSettings().read(check);
        dashboard();
        check.flag(StartupGate.EXIT_KEY, true);
        return check.problems();
    }

    private void names() {
        for (String key : List.of("smtpeter.hostname", "smtpeter.bounces.domain")) {
            check.text(key).filter(name -> !HOST_NAME.matcher(name).matches())
                    .ifPresent(name -> check.invalid(key, name, "a domain name such as mail.example.com"));
        }
        check.text("smtpeter.spool-directory").filter(directory -> Files.exists(Path.of(directory))
                && !Files.isDirectory(Path.of(directory))).ifPresent(file -> check.invalid("smtpeter.spool-directory",
                file, "a directory (this is a file)"));
    }

    private void credentials() {
        check.whole("smtpeter.credentials.pbkdf2-iterations", 210_000, MIN_PBKDF2_ITERATIONS, Integer.MAX_VALUE);
        check.flag("smtpeter.dev-account.enabled", true);
        check.flag("smtpeter.admin.regenerate-token", false);
    }

    private void delivery() {
        new DeliverySettings().read(check);
    }

    private void instances() {
        new InstanceSettings().read(check);
    }

    private void bounces() {
        BounceSettings.Limits.read(check);
        check.count("smtpeter.bounces.soft-limit", 5, 1);
    }

    private void tracking() {
        check.text("smtpeter.tracking.secret").ifPresent(secret -> {
            int bytes = secret.getBytes(StandardCharsets.UTF_8).length;
            if (bytes < MIN_TRACKING_SECRET_BYTES) {
                check.invalidSecret("smtpeter.tracking.secret", bytes + " bytes",
                        "at least " + MIN_TRACKING_SECRET_BYTES + " bytes, e.g. from openssl rand -hex 32");
            }
        });
        check.text("smtpeter.tracking.base-url").ifPresent(url -> {
            if (!httpUrl(url)) {
                check.invalid("smtpeter.tracking.base-url", url, "an http or https URL such as https://track.example.com");
            }
        });
        check.whole("smtpeter.tracking.repeat-window-seconds", 60, 0, Integer.MAX_VALUE);
        check.count("smtpeter.tracking.repeat-memory", 100_000, 1);
    }

    private void domains() {
        check.text("smtpeter.domains.key-encryption-key").ifPresent(secret -> {
            int bytes = secret.getBytes(StandardCharsets.UTF_8).length;
            if (bytes < MIN_TRACKING_SECRET_BYTES) {
                check.invalidSecret("smtpeter.domains.key-encryption-key", bytes + " bytes",
                        "at least " + MIN_TRACKING_SECRET_BYTES + " bytes, e.g. from openssl rand -hex 32");
            }
        });
        check.count("smtpeter.domains.check-interval-minutes", 60, 1);
    }

    private void dashboard() {
        check.flag("smtpeter.dashboard.initial-admin.enabled", true);
        check.count("smtpeter.dashboard.session-timeout-minutes", 30, 1);
        check.count("smtpeter.dashboard.login.max-failures", 5, 1);
        check.count("smtpeter.dashboard.login.max-failures-per-address", 20, 1);
        check.count("smtpeter.dashboard.login.failure-window-seconds", 900, 1);
    }

    private static boolean httpUrl(String value) {
        try {
            URI uri = new URI(value);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (URISyntaxException notAUri) {
            return false;
        }
    }
}
