package org.smtpeter.health.control;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Whether every configured SMTP listener accepts connections. Payara reports UP even when a
 * deployment failed, so this looks at what matters: the ports the resource adapter should have
 * bound, with the same configuration keys. A listener that is gone means the relay takes no mail.
 * Both liveness and readiness ask it (see {@link ListenersAlive}, {@link ListenersReady}); Payara
 * registers a check with both qualifiers under one of them only.
 */
@ApplicationScoped
public class SmtpListenersCheck {

    /** The resource adapter's development defaults, used when no port is configured. */
    private static final Map<String, String> DEFAULT_PORTS = Map.of("submission", "2587", "smtps", "2465", "mta", "2025");

    @Inject
    Config config;

    public HealthCheckResponse call() {
        String bind = config.getOptionalValue("smtpeter.bind-address", String.class).orElse("127.0.0.1");
        String host = bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
        HealthCheckResponseBuilder response = HealthCheckResponse.named("smtp-listeners").up();
        for (Map.Entry<String, String> role : DEFAULT_PORTS.entrySet()) {
            if (!config.getOptionalValue("smtpeter." + role.getKey() + ".enabled", Boolean.class).orElse(true)) {
                continue;
            }
            Optional<String> ports = config.getOptionalValue("smtpeter." + role.getKey() + ".port", String.class);
            for (String port : ports.orElse(role.getValue()).split(",")) {
                boolean listening = accepts(host, Integer.parseInt(port.strip()));
                response.withData(role.getKey() + ":" + port.strip(), listening ? "listening" : "not listening");
                if (!listening) {
                    response.down();
                }
            }
        }
        return response.build();
    }

    private static boolean accepts(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

}
