package org.smtpeter.smtp.adapter;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.smtpeter.smtp.api.SettingsCheck;
import org.smtpeter.smtp.protocol.Limits;
import org.smtpeter.smtp.api.ListenerRole;
import org.smtpeter.smtp.server.ProxyProtocol;

/**
 * Every check of the adapter's settings, run when the adapter starts, before any port is bound:
 * types and ranges, ports used once across all roles, the role shares within the total, and
 * whether the TLS keystore opens with its password. {@link ListenerFactory} reads the same keys
 * afterwards and can then trust them.
 */
final class AdapterSettings {

    private final Configuration config;
    private final SettingsCheck check;

    AdapterSettings(Configuration config) {
        this.config = config;
        this.check = new SettingsCheck(config::get);
    }

    /** One line per problem; empty when the adapter can start. */
    List<String> problems() {
        boolean smtpsEnabled = ports();
        bindAddress();
        limits();
        keyStore(smtpsEnabled);
        return check.problems();
    }

    /** @return whether the implicit-TLS role is on (it needs a keystore) */
    private boolean ports() {
        Map<Integer, String> owners = new HashMap<>();
        boolean smtps = false;
        for (ListenerRole role : ListenerRole.values()) {
            if (!check.flag("smtpeter." + role.key() + ".enabled", true)) {
                continue;
            }
            smtps |= role.tlsMode() == ListenerRole.TlsMode.IMPLICIT;
            String key = "smtpeter." + role.key() + ".port";
            for (int port : check.ports(key, String.valueOf(role.devPort()))) {
                String owner = owners.putIfAbsent(port, key);
                if (owner != null) {
                    check.invalid(key, String.valueOf(port), "a port no other listener uses (" + owner + " has it too)");
                }
            }
        }
        check.count("smtpeter.listeners.bind-retry-seconds", 10, 1);
        check.text(ProxyProtocol.KEY).ifPresent(trusted -> {
            try {
                ProxyProtocol.trusting(trusted);
            } catch (IllegalArgumentException notAnAddress) {
                check.invalid(ProxyProtocol.KEY, trusted, "addresses or networks of the load balancers separated by"
                        + " commas, such as 10.0.0.5, 192.0.2.0/24 (" + notAnAddress.getMessage() + " is not one)");
            }
        });
        check.whole(SmtpResourceAdapter.STOP_GRACE_KEY, SmtpResourceAdapter.DEFAULT_STOP_GRACE_SECONDS, 0, 600);
        return smtps;
    }

    private void bindAddress() {
        check.text("smtpeter.bind-address").ifPresent(address -> {
            try {
                InetAddress.getByName(address);
            } catch (UnknownHostException | SecurityException unknown) {
                check.invalid("smtpeter.bind-address", address, "an IP address of this machine, or 0.0.0.0 for all");
            }
        });
    }

    private void limits() {
        Limits defaults = Limits.defaults();
        check.count("smtpeter.limits.max-command-line", defaults.maxCommandLine(), 512);
        check.count("smtpeter.limits.max-data-line", defaults.maxDataLine(), 1000);
        check.whole("smtpeter.limits.max-message-size", defaults.maxMessageSize(), 1, Long.MAX_VALUE);
        check.count("smtpeter.limits.max-recipients", defaults.maxRecipients(), 1);
        check.count("smtpeter.limits.max-errors", defaults.maxErrors(), 1);
        for (String seconds : List.of("idle-timeout-seconds", "command-timeout-seconds", "transaction-timeout-seconds",
                "max-session-seconds", "stress-idle-timeout-seconds", "auth-failure-window-seconds")) {
            check.whole("smtpeter.limits." + seconds, 1, 1, Long.MAX_VALUE);
        }
        check.whole("smtpeter.limits.min-data-rate", defaults.minDataRate(), 0, Long.MAX_VALUE);
        check.count("smtpeter.limits.max-auth-failures", 5, 1);
        int max = check.count("smtpeter.limits.max-connections", 100, 1);
        int perClient = check.count("smtpeter.limits.max-connections-per-client", Math.min(50, max), 1);
        if (perClient > max) {
            check.invalid("smtpeter.limits.max-connections-per-client", String.valueOf(perClient),
                    "at most smtpeter.limits.max-connections (" + max + ")");
        }
        for (ListenerRole role : ListenerRole.values()) {
            String key = "smtpeter." + role.key() + ".max-connections";
            int share = check.count(key, Math.max(1, max * 60 / 100), 1);
            if (share > max) {
                check.invalid(key, String.valueOf(share), "at most smtpeter.limits.max-connections (" + max + ")");
            }
        }
        check.whole("smtpeter.limits.stress-threshold-percent", 80, 1, 100);
    }

    /**
     * The keystore must open with its password now, not at the first STARTTLS. A missing one is
     * fine when the development certificate will be created, or when no role needs TLS up front.
     */
    private void keyStore(boolean smtpsEnabled) {
        boolean devCertificate = check.flag("smtpeter.tls.dev-certificate", true);
        String type = config.get("smtpeter.tls.keystore-type", "PKCS12");
        KeyStore keyStore;
        try {
            keyStore = KeyStore.getInstance(type);
        } catch (GeneralSecurityException unknownType) {
            check.invalid("smtpeter.tls.keystore-type", type, "a keystore type of this JVM, such as PKCS12 or JKS");
            return;
        }
        String location = config.get("smtpeter.tls.keystore", "smtpeter-data/tls/dev-keystore.p12");
        Path path = Path.of(location);
        if (!Files.exists(path)) {
            if (!devCertificate && smtpsEnabled) {
                check.invalid("smtpeter.tls.keystore", location, "an existing keystore file: the smtps listener needs one"
                        + " (or smtpeter.tls.dev-certificate=true, or smtpeter.smtps.enabled=false)");
            }
            return;
        }
        try (InputStream in = Files.newInputStream(path)) {
            keyStore.load(in, config.get("smtpeter.tls.keystore-password", "smtpeter-dev").toCharArray());
        } catch (IOException | GeneralSecurityException cannotOpen) {
            check.invalid("smtpeter.tls.keystore", location, "a " + type + " keystore that opens with"
                    + " smtpeter.tls.keystore-password (" + cannotOpen.getMessage() + ")");
        }
    }
}
