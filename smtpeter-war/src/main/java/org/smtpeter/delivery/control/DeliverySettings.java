package org.smtpeter.delivery.control;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.smtpeter.platform.control.Settings;
import org.smtpeter.smtp.api.SettingsCheck;

/**
 * How mail leaves: routing, TLS, retries and limits, from {@code smtpeter.delivery.*} (see
 * docs/configuration.md).
 */
@ApplicationScoped
public class DeliverySettings {

    /** {@code none}: plain SMTP; {@code starttls}: opportunistic or required STARTTLS; {@code tls}: implicit TLS. */
    public enum TlsMode { NONE, STARTTLS, TLS }

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\]");

    @Inject
    Config config;

    private String hostName;
    private SmartHost smartHost;
    private String dnsServer;
    private int mxPort;
    private boolean requireTls;
    private List<Duration> retryDelays;
    private Duration maxDeliveryTime;
    private int maxConcurrent;
    private int maxPerDestination;
    private Duration connectTimeout;
    private Duration readTimeout;
    private long pollIntervalMillis;
    private Path spoolDirectory;

    @PostConstruct
    void read() {
        read(Settings.of(config));
    }

    /**
     * Reads every delivery setting with its default and its check. At start the same reading is the
     * check ({@code ApplicationSettings}): what is wrong is in {@code settings}' problems, and the
     * relay does not start; afterwards every value is known to be right.
     */
    public DeliverySettings read(SettingsCheck settings) {
        hostName = settings.text("smtpeter.hostname").orElseGet(DeliverySettings::localHostName);
        TlsMode tls = TlsMode.valueOf(settings.oneOf("smtpeter.delivery.smarthost.tls", "starttls",
                List.of("none", "starttls", "tls")).toUpperCase(Locale.ROOT));
        smartHost = settings.text("smtpeter.delivery.smarthost")
                .filter(value -> hostAndPort(settings, "smtpeter.delivery.smarthost", value, "host:port such as"
                        + " smtp.example.net:587 (the port defaults to " + (tls == TlsMode.TLS ? 465 : 587) + ")"))
                .map(value -> SmartHost.parse(value, tls, settings.text("smtpeter.delivery.smarthost.username")
                        .orElse(null), settings.text("smtpeter.delivery.smarthost.password").orElse(null)))
                .orElse(null);
        dnsServer = settings.text("smtpeter.delivery.dns-server").filter(value -> hostAndPort(settings,
                "smtpeter.delivery.dns-server", value, "host or host:port of a DNS server such as 192.0.2.53:53"))
                .orElse(null);
        mxPort = settings.port("smtpeter.delivery.mx-port", 25);
        requireTls = settings.flag("smtpeter.delivery.require-tls", false);
        retryDelays = settings.durations("smtpeter.delivery.retry-schedule", "PT1M,PT5M,PT15M,PT30M,PT1H,PT2H,PT4H");
        maxDeliveryTime = settings.duration("smtpeter.delivery.max-delivery-time", "P1D");
        maxConcurrent = (int) settings.whole("smtpeter.delivery.max-concurrent", 60, 1, 64);
        maxPerDestination = settings.count("smtpeter.delivery.max-per-destination", 20, 1);
        connectTimeout = Duration.ofSeconds(settings.count("smtpeter.delivery.connect-timeout-seconds", 30, 1));
        readTimeout = Duration.ofSeconds(settings.count("smtpeter.delivery.read-timeout-seconds", 300, 1));
        pollIntervalMillis = settings.whole("smtpeter.delivery.poll-interval-millis", 1000, 1, Long.MAX_VALUE);
        spoolDirectory = settings.text("smtpeter.spool-directory").map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir")));
        return this;
    }

    /** {@code host[:port]}, as the smart host and the DNS server are given; false (and a problem) when not. */
    private static boolean hostAndPort(SettingsCheck settings, String key, String value, String allowed) {
        int colon = value.lastIndexOf(':');
        boolean bracketed = value.startsWith("[");
        String host = colon < 0 || (bracketed && value.endsWith("]")) ? value : value.substring(0, colon);
        String port = host.length() == value.length() ? "25" : value.substring(colon + 1);
        if (HOST.matcher(host).matches() && port.matches("[0-9]{1,5}") && Integer.parseInt(port) >= 1
                && Integer.parseInt(port) <= 65_535) {
            return true;
        }
        settings.invalid(key, value, allowed);
        return false;
    }

    /** The name this relay gives in EHLO, in Received headers and as Reporting-MTA. */
    public String hostName() {
        return hostName;
    }

    public Optional<SmartHost> smartHost() {
        return Optional.ofNullable(smartHost);
    }

    public Optional<String> dnsServer() {
        return Optional.ofNullable(dnsServer);
    }

    public int mxPort() {
        return mxPort;
    }

    public boolean requireTls() {
        return requireTls;
    }

    /** The wait after attempt {@code n} (1-based); the last entry repeats. */
    public Duration retryDelay(int attempts) {
        return retryDelays.get(Math.min(Math.max(attempts, 1), retryDelays.size()) - 1);
    }

    public Duration maxDeliveryTime() {
        return maxDeliveryTime;
    }

    public int maxConcurrent() {
        return maxConcurrent;
    }

    public int maxPerDestination() {
        return maxPerDestination;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration readTimeout() {
        return readTimeout;
    }

    public long pollIntervalMillis() {
        return pollIntervalMillis;
    }

    /** Where large messages wait in files while they are sent, as they do while they arrive. */
    public Path spoolDirectory() {
        return spoolDirectory;
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** A configured next hop for all mail: {@code host:port}. */
    public record SmartHost(String host, int port, TlsMode tls, String username, String password) {
        static SmartHost parse(String value, TlsMode tls, String username, String password) {
            String trimmed = value.strip();
            int colon = trimmed.lastIndexOf(':');
            if (colon < 0) {
                return new SmartHost(trimmed, tls == TlsMode.TLS ? 465 : 587, tls, username, password);
            }
            return new SmartHost(trimmed.substring(0, colon), Integer.parseInt(trimmed.substring(colon + 1)), tls,
                    username, password);
        }

        @Override
        public String toString() {
            return "SmartHost[" + host + ":" + port + ", " + tls + (username == null ? "" : ", user " + username) + "]";
        }
    }
}
