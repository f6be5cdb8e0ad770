package org.smtpeter.health.control;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.smtpeter.smtp.api.AdapterStatus;
import org.smtpeter.smtp.api.ListenerRole;
import org.smtpeter.smtp.api.ListenerStates;

/**
 * Whether every configured SMTP listener is bound. Payara reports UP even when a deployment
 * failed, so this looks at what matters: the ports the resource adapter should listen on (from
 * the same configuration keys), and what the adapter says about each ({@link ListenerStates}, read
 * through its administered object {@link AdapterStatus}).
 * It asks the adapter rather than connecting to the port: a connection would succeed just as
 * well when another process holds the port, and every probe would count as an SMTP connection.
 * Both liveness and readiness ask it (see {@link ListenersAlive}, {@link ListenersReady}); Payara
 * registers a check with both qualifiers under one of them only.
 */
@ApplicationScoped
public class SmtpListenersCheck {

    static final String LISTENING = "listening";

    @Inject
    Config config;

    @Inject
    AdapterStatus adapter;

    public HealthCheckResponse call() {
        Map<String, String> listeners = describe(expectedPorts(), adapter.listenerStates());
        HealthCheckResponseBuilder response = HealthCheckResponse.named("smtp-listeners")
                .status(listeners.values().stream().allMatch(LISTENING::equals));
        listeners.forEach(response::withData);
        return response.build();
    }

    /** The ports of each enabled role, as {@code role:port}. */
    private Map<String, Integer> expectedPorts() {
        Map<String, Integer> expected = new LinkedHashMap<>();
        for (ListenerRole listener : ListenerRole.values()) {
            String role = listener.key();
            // Read as the adapter reads it (Boolean.parseBoolean), not with Config's converter, which also takes "on".
            if (!config.getOptionalValue("smtpeter." + role + ".enabled", String.class)
                    .map(value -> Boolean.parseBoolean(value.strip())).orElse(true)) {
                continue;
            }
            Optional<String> ports = config.getOptionalValue("smtpeter." + role + ".port", String.class);
            // Without a configured port, the adapter's development default.
            for (String port : ports.orElse(String.valueOf(listener.devPort())).split(",")) {
                expected.put(role + ":" + port.strip(), Integer.parseInt(port.strip()));
            }
        }
        return expected;
    }

    /**
     * {@code listening} for each bound port, otherwise {@code not listening: <why>}.
     *
     * @param expected {@code role:port} to port
     */
    static Map<String, String> describe(Map<String, Integer> expected, ListenerStates states) {
        Map<String, String> described = new LinkedHashMap<>();
        expected.forEach((key, port) -> {
            String role = key.substring(0, key.indexOf(':'));
            described.put(key, states.get(role, port)
                    .map(entry -> entry.state() == ListenerStates.State.LISTENING ? LISTENING
                            : "not listening: " + entry.problem())
                    .orElse("not listening: the resource adapter has not started this listener"));
        });
        return described;
    }
}
