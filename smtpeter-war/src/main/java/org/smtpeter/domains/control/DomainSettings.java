package org.smtpeter.domains.control;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** What the sender domains' records point at, and how they are checked. */
@ApplicationScoped
public class DomainSettings {

    @Inject
    @ConfigProperty(name = "smtpeter.hostname")
    Optional<String> hostName;

    @Inject
    @ConfigProperty(name = "smtpeter.tracking.base-url", defaultValue = "http://localhost:8080")
    String trackingBaseUrl;

    @Inject
    @ConfigProperty(name = "smtpeter.delivery.dns-server")
    Optional<String> dnsServer;

    @Inject
    @ConfigProperty(name = "smtpeter.domains.check-interval-minutes", defaultValue = "60")
    long checkIntervalMinutes;

    /** The relay's host name: the bounce hosts' MX and what their SPF allows. */
    public String relayHost() {
        return hostName.filter(name -> !name.isBlank()).orElseGet(() -> {
            try {
                return InetAddress.getLocalHost().getCanonicalHostName();
            } catch (UnknownHostException e) {
                return "localhost";
            }
        });
    }

    /** The host of the relay's tracking URL, which each domain's tracking host is a CNAME of. */
    public String trackingHost() {
        return URI.create(trackingBaseUrl).getHost();
    }

    public Optional<String> dnsServer() {
        return dnsServer.filter(server -> !server.isBlank());
    }

    public Duration checkInterval() {
        return Duration.ofMinutes(checkIntervalMinutes);
    }
}
