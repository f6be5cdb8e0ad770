package org.smtpeter.smtp.adapter;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import javax.net.ssl.SSLContext;

import org.smtpeter.smtp.api.ListenerStates;
import org.smtpeter.smtp.api.SmtpStatistics;
import org.smtpeter.smtp.protocol.AuthThrottle;
import org.smtpeter.smtp.protocol.BareLineFeeds;
import org.smtpeter.smtp.protocol.Limits;
import org.smtpeter.smtp.api.ListenerRole;
import org.smtpeter.smtp.protocol.SessionSettings;
import org.smtpeter.smtp.server.AuthFailureWindow;
import org.smtpeter.smtp.server.ConnectionLimit;
import org.smtpeter.smtp.server.DevCertificate;
import org.smtpeter.smtp.server.ProxyProtocol;
import org.smtpeter.smtp.server.ServerSettings;
import org.smtpeter.smtp.server.TlsContexts;

/**
 * Turns configuration into the settings of each listener. What the listeners share (TLS
 * context, connection limit, failed-AUTH counting) is created once per adapter.
 * The keys are listed in docs/configuration.md.
 */
final class ListenerFactory {

    private static final Logger LOG = Logger.getLogger(ListenerFactory.class.getName());

    private final Configuration config;
    private final String hostName;
    private final InetAddress bindAddress;
    private final Limits limits;
    private final SSLContext sslContext;
    private final ConnectionLimit connectionLimit;
    private final AuthThrottle authThrottle;
    private final Path spoolDirectory;
    private final Duration bindRetry;
    private final ProxyProtocol proxyProtocol;
    private final ListenerStates states;
    private final SmtpStatistics statistics;

    ListenerFactory(Configuration config, ListenerStates states, SmtpStatistics statistics) throws IOException {
        this.config = config;
        this.states = states;
        this.statistics = statistics;
        this.hostName = config.get("smtpeter.hostname", InetAddress.getLocalHost().getCanonicalHostName());
        this.bindAddress = InetAddress.getByName(config.get("smtpeter.bind-address", "127.0.0.1"));
        Limits defaults = Limits.defaults();
        this.limits = new Limits(
                config.getInt("smtpeter.limits.max-command-line", defaults.maxCommandLine()),
                config.getInt("smtpeter.limits.max-data-line", defaults.maxDataLine()),
                config.getLong("smtpeter.limits.max-message-size", defaults.maxMessageSize()),
                config.getInt("smtpeter.limits.max-recipients", defaults.maxRecipients()),
                config.getInt("smtpeter.limits.max-errors", defaults.maxErrors()),
                seconds("smtpeter.limits.idle-timeout-seconds", defaults.idleTimeout()),
                seconds("smtpeter.limits.command-timeout-seconds", defaults.commandTimeout()),
                seconds("smtpeter.limits.transaction-timeout-seconds", defaults.transactionTimeout()),
                atLeast("smtpeter.limits.min-data-rate", config.getLong("smtpeter.limits.min-data-rate",
                        defaults.minDataRate()), 0),
                seconds("smtpeter.limits.max-session-seconds", defaults.maxSessionTime()),
                seconds("smtpeter.limits.stress-idle-timeout-seconds", defaults.stressIdleTimeout()),
                BareLineFeeds.parse(config.get(BareLineFeeds.KEY, "normalize")));
        this.connectionLimit = connectionLimit();
        this.authThrottle = new AuthFailureWindow(
                (int) atLeast("smtpeter.limits.max-auth-failures", config.getInt("smtpeter.limits.max-auth-failures", 5), 1),
                seconds("smtpeter.limits.auth-failure-window-seconds", Duration.ofMinutes(5)),
                Clock.systemUTC());
        this.sslContext = loadTls();
        String spool = config.get("smtpeter.spool-directory", "");
        this.spoolDirectory = spool.isBlank() ? null : Files.createDirectories(Path.of(spool));
        this.bindRetry = Duration.ofSeconds(Math.max(1, config.getLong("smtpeter.listeners.bind-retry-seconds", 10)));
        this.proxyProtocol = ProxyProtocol.trusting(config.get(ProxyProtocol.KEY, ""));
    }

    /**
     * The total, a share per role (by default 60% of the total each, so that a flood on one port
     * leaves 40% to the others) and a limit per client across all roles (Postfix's default, 50).
     */
    private ConnectionLimit connectionLimit() {
        int max = (int) atLeast("smtpeter.limits.max-connections", config.getInt("smtpeter.limits.max-connections", 100), 1);
        int perClient = (int) atLeast("smtpeter.limits.max-connections-per-client",
                config.getInt("smtpeter.limits.max-connections-per-client", Math.min(50, max)), 1);
        Map<String, Integer> perRole = new HashMap<>();
        for (ListenerRole role : ListenerRole.values()) {
            String key = "smtpeter." + role.key() + ".max-connections";
            int share = (int) atLeast(key, config.getInt(key, Math.max(1, max * 60 / 100)), 1);
            if (share > max) {
                throw new IllegalArgumentException(key + " (" + share + ") must not exceed smtpeter.limits.max-connections ("
                        + max + ")");
            }
            perRole.put(role.key(), share);
        }
        int stressPercent = config.getInt("smtpeter.limits.stress-threshold-percent", 80);
        if (stressPercent < 1 || stressPercent > 100) {
            throw new IllegalArgumentException("smtpeter.limits.stress-threshold-percent must be between 1 and 100: "
                    + stressPercent);
        }
        return new ConnectionLimit(max, perClient, perRole, stressPercent);
    }

    private Duration seconds(String key, Duration defaultValue) {
        return Duration.ofSeconds(atLeast(key, config.getLong(key, defaultValue.toSeconds()), 1));
    }

    private static long atLeast(String key, long value, long minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(key + " must be at least " + minimum + ": " + value);
        }
        return value;
    }

    boolean isEnabled(ListenerRole role) {
        return config.getBoolean("smtpeter." + role.key() + ".enabled", true);
    }

    /** One socket per configured port: {@code smtpeter.submission.port=587,2525} listens on both. */
    List<ServerSettings> settings(ListenerRole role) {
        if (role.tlsMode() == ListenerRole.TlsMode.IMPLICIT && sslContext == null) {
            throw new IllegalStateException("the " + role.key() + " listener needs a TLS keystore (smtpeter.tls.keystore)");
        }
        SessionSettings session = new SessionSettings(hostName, role, sslContext != null, limits, statistics);
        return Arrays.stream(config.get("smtpeter." + role.key() + ".port", String.valueOf(role.devPort())).split(","))
                .map(String::strip)
                .map(Integer::parseInt)
                .map(port -> new ServerSettings(bindAddress, port, session, sslContext, connectionLimit, authThrottle,
                        spoolDirectory, states, bindRetry, proxyProtocol))
                .toList();
    }

    private SSLContext loadTls() throws IOException {
        Path keyStore = Path.of(config.get("smtpeter.tls.keystore", "smtpeter-data/tls/dev-keystore.p12"));
        char[] password = config.get("smtpeter.tls.keystore-password", "smtpeter-dev").toCharArray();
        if (!Files.exists(keyStore) && config.getBoolean("smtpeter.tls.dev-certificate", true)) {
            DevCertificate.createIfMissing(keyStore, password, hostName);
        }
        if (!Files.exists(keyStore)) {
            LOG.warning(() -> "No TLS keystore at " + keyStore.toAbsolutePath()
                    + ": STARTTLS, AUTH and implicit TLS are unavailable");
            return null;
        }
        return TlsContexts.fromKeyStore(keyStore, config.get("smtpeter.tls.keystore-type", "PKCS12"), password);
    }
}
