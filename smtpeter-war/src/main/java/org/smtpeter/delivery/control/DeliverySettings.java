package org.smtpeter.delivery.control;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How mail leaves: routing, TLS, retries and limits, from {@code smtpeter.delivery.*} (see
 * docs/configuration.md).
 */
@ApplicationScoped
public class DeliverySettings {

    /** {@code none}: plain SMTP; {@code starttls}: opportunistic or required STARTTLS; {@code tls}: implicit TLS. */
    public enum TlsMode { NONE, STARTTLS, TLS }

    @Inject
    @ConfigProperty(name = "smtpeter.hostname")
    Optional<String> hostName;

    @Inject
    @ConfigProperty(name = "smtpeter.delivery.smarthost")
    Optional<String> smartHost;

    @Inject
    @ConfigProperty(name = "smtpeter.delivery.smarthost.tls", defaultValue = "starttls")
    String smartHostTls;

    @Inject
    @ConfigProperty(name = "smtpeter.delivery.smarthost.username")
    Optional<String> smartHostUsername;

    @Inject
    @ConfigProperty(name = "smtpeter.delivery.smarthost.password")
    Optional<String> smartHostPassword;

    @Inject
    @ConfigProperty(name = "smtpeter.delivery.dns-server")
    Optional<String> dnsServer;

    @Inject
    @ConfigProperty(name = "smtpeter.delivery.mx-port", defaultValue = "25")
    int mxPort;

    @Inject
    @ConfigProperty(name = "smtpeter.delivery.require-tls", defaultValue = "false")
    boolean requireTls;

    @Inject
    @ConfigProperty(name = "smtpeter.delivery.retry-schedule", defaultValue = "PT1M,PT5M,PT15M,PT30M,PT1H,PT2H,PT4H")
    String retrySchedule;

    @Inject
    @ConfigProperty(name = "smtpeter.delivery.max-delivery-time", defaultValue = "P1D")
    String maxDeliveryTime;

    @Inject
    @ConfigProperty(name = "smtpeter.delivery.max-concurrent", defaultValue = "60")
    int maxConcurrent;

    @Inject
    @ConfigProperty(name = "smtpeter.delivery.max-per-destination", defaultValue = "20")
    int maxPerDestination;

    @Inject
    @ConfigProperty(name = "smtpeter.delivery.connect-timeout-seconds", defaultValue = "30")
    int connectTimeoutSeconds;

    @Inject
    @ConfigProperty(name = "smtpeter.delivery.read-timeout-seconds", defaultValue = "300")
    int readTimeoutSeconds;

    @Inject
    @ConfigProperty(name = "smtpeter.delivery.poll-interval-millis", defaultValue = "1000")
    long pollIntervalMillis;

    @Inject
    @ConfigProperty(name = "smtpeter.spool-directory")
    Optional<String> spoolDirectory;

    private List<Duration> retryDelays;
    private String resolvedHostName;

    @PostConstruct
    void parse() {
        retryDelays = Arrays.stream(retrySchedule.split(",")).map(String::strip).map(Duration::parse).toList();
        resolvedHostName = hostName.filter(name -> !name.isBlank()).orElseGet(DeliverySettings::localHostName);
    }

    /** The name this relay gives in EHLO, in Received headers and as Reporting-MTA. */
    public String hostName() {
        return resolvedHostName;
    }

    public Optional<SmartHost> smartHost() {
        return smartHost.filter(value -> !value.isBlank()).map(value -> SmartHost.parse(value,
                TlsMode.valueOf(smartHostTls.strip().toUpperCase(java.util.Locale.ROOT)),
                smartHostUsername.orElse(null), smartHostPassword.orElse(null)));
    }

    public Optional<String> dnsServer() {
        return dnsServer.filter(value -> !value.isBlank());
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
        return Duration.parse(maxDeliveryTime);
    }

    public int maxConcurrent() {
        return maxConcurrent;
    }

    public int maxPerDestination() {
        return maxPerDestination;
    }

    public Duration connectTimeout() {
        return Duration.ofSeconds(connectTimeoutSeconds);
    }

    public Duration readTimeout() {
        return Duration.ofSeconds(readTimeoutSeconds);
    }

    public long pollIntervalMillis() {
        return pollIntervalMillis;
    }

    /** Where large messages wait in files while they are sent, as they do while they arrive. */
    public Path spoolDirectory() {
        return spoolDirectory.filter(directory -> !directory.isBlank()).map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir")));
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
