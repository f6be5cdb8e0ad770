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

import org.smtpeter.smtp.api.SettingsCheck;

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
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\]");

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
        String tls = check.oneOf("smtpeter.delivery.smarthost.tls", "starttls", List.of("none", "starttls", "tls"));
        check.text("smtpeter.delivery.smarthost").ifPresent(value -> hostAndPort("smtpeter.delivery.smarthost",
                value, "host:port such as smtp.example.net:587 (the port defaults to " + (tls.equals("tls") ? 465 : 587)
                + ")"));
        check.text("smtpeter.delivery.dns-server").ifPresent(value -> hostAndPort("smtpeter.delivery.dns-server",
                value, "host or host:port of a DNS server such as 192.0.2.53:53"));
        check.port("smtpeter.delivery.mx-port", 25);
        check.flag("smtpeter.delivery.require-tls", false);
        check.durations("smtpeter.delivery.retry-schedule", "PT1M,PT5M,PT15M,PT30M,PT1H,PT2H,PT4H");
        check.duration("smtpeter.delivery.max-delivery-time", "P1D");
        check.whole("smtpeter.delivery.max-concurrent", 60, 1, 64);
        check.count("smtpeter.delivery.max-per-destination", 20, 1);
        check.count("smtpeter.delivery.connect-timeout-seconds", 30, 1);
        check.count("smtpeter.delivery.read-timeout-seconds", 300, 1);
        check.whole("smtpeter.delivery.poll-interval-millis", 1000, 1, Long.MAX_VALUE);
    }

    /** Dead-after must leave room for a few missed heartbeats, or a GC pause would free live claims. */
    private void instances() {
        long heartbeat = check.count("smtpeter.instances.heartbeat-seconds", 5, 1);
        long deadAfter = check.count("smtpeter.instances.dead-after-seconds", 30, 1);
        if (deadAfter < 3 * heartbeat) {
            check.invalid("smtpeter.instances.dead-after-seconds", Long.toString(deadAfter),
                    "at least 3 heartbeats (smtpeter.instances.heartbeat-seconds x 3 = " + 3 * heartbeat + ")");
        }
    }

    /** {@code host[:port]}, as the smart host and the DNS server are given. */
    private void hostAndPort(String key, String value, String allowed) {
        int colon = value.lastIndexOf(':');
        boolean bracketed = value.startsWith("[");
        String host = colon < 0 || (bracketed && value.endsWith("]")) ? value : value.substring(0, colon);
        String port = host.length() == value.length() ? "25" : value.substring(colon + 1);
        if (!HOST.matcher(host).matches() || !port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1
                || Integer.parseInt(port) > 65_535) {
            check.invalid(key, value, allowed);
        }
    }

    private void bounces() {
        check.duration("smtpeter.bounces.address-lifetime", "P30D");
        check.whole("smtpeter.bounces.max-message-size", 1_048_576, 1, Long.MAX_VALUE);
        check.duration("smtpeter.bounces.rate.window", "PT1H");
        for (String count : List.of("per-address", "per-client", "forwards-per-address", "forwards-per-client")) {
            check.count("smtpeter.bounces.rate." + count, 1, 1);
        }
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
