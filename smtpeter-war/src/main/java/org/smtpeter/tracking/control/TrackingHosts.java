package org.smtpeter.tracking.control;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.smtpeter.domains.control.SenderHosts;

/**
 * The hosts of the public links (clicks, opens, unsubscribe): {@code smtpeter.tracking.base-url},
 * or for a sender domain's mail the same URL with the domain's tracking host (a CNAME of the
 * relay's, so the scheme and port stay). The endpoints answer only for those hosts, so that no
 * other name pointed at the relay gets a redirect; with a base URL on a loopback name every
 * loopback name is taken, as a development run and the tests use them interchangeably.
 */
@ApplicationScoped
public class TrackingHosts {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    private URI baseUrl;
    private Predicate<String> senderTrackingHost;

    /** For CDI proxies. */
    protected TrackingHosts() {
    }

    @Inject
    public TrackingHosts(@ConfigProperty(name = "smtpeter.tracking.base-url", defaultValue = "http://localhost:8080")
                         String baseUrl, SenderHosts senderHosts) {
        this(baseUrl, senderHosts::isTrackingHost);
    }

    TrackingHosts(String baseUrl, Predicate<String> senderTrackingHost) {
        this.baseUrl = URI.create(baseUrl.replaceAll("/+$", ""));
        this.senderTrackingHost = senderTrackingHost;
    }

    /** The relay's base URL, or with a sender domain's tracking host in its place; no trailing slash. */
    public String baseUrl(Optional<String> trackingHost) {
        if (trackingHost.isEmpty()) {
            return baseUrl.toString();
        }
        try {
            return new URI(baseUrl.getScheme(), null, trackingHost.get(), baseUrl.getPort(), baseUrl.getPath(), null, null)
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a host name: " + trackingHost.get(), e);
        }
    }

    /** Whether the endpoints answer a request with this {@code Host} header (its port does not matter). */
    public boolean answers(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return false;
        }
        String host = withoutPort(hostHeader.strip().toLowerCase(Locale.ROOT));
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        String own = baseUrl.getHost().toLowerCase(Locale.ROOT);
        return host.equals(own) || LOOPBACK.contains(own) && LOOPBACK.contains(host) || senderTrackingHost.test(host);
    }

    private static String withoutPort(String host) {
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }
}
