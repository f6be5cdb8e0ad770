package org.smtpeter.webhooks.control;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Checks where a webhook goes: an http or https URL with a host, whose every address is public
 * unless {@code smtpeter.webhooks.allow-private-addresses} is set. The URL is checked when it is
 * saved, and its addresses again before each request, since DNS may answer otherwise by then. The
 * JDK keeps a looked-up address for 30 seconds (networkaddress.cache.ttl), so the HTTP client,
 * which looks the host up again at once, gets the addresses checked here.
 */
@ApplicationScoped
public class WebhookTargets {

    static final int MAX_URL_LENGTH = 2000;

    @Inject
    WebhookSettings settings;

    /** A target the relay will not call, with the reason in words for the account. */
    public static class RefusedTarget extends Exception {

        private static final long serialVersionUID = 1L;

        public RefusedTarget(String reason) {
            super(reason);
        }
    }

    /** The URL, if it is one the relay may send to; its host is resolved and checked. */
    public URI check(String url) throws RefusedTarget {
        URI uri = parse(url);
        addresses(uri);
        return uri;
    }

    /** The form of the URL alone: http or https, a host, no user name or password in it. */
    public static URI parse(String url) throws RefusedTarget {
        if (url == null || url.isBlank()) {
            throw new RefusedTarget("a url is required");
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw new RefusedTarget("the url is longer than " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new RefusedTarget("not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new RefusedTarget("only http and https URLs are called");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new RefusedTarget("the url has no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new RefusedTarget("the url must not hold a user name or password");
        }
        return uri;
    }

    /** The host's addresses, each of them allowed; refused when any one is not. */
    public InetAddress[] addresses(URI uri) throws RefusedTarget {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw new RefusedTarget("the host " + uri.getHost() + " is not found in DNS");
        }
        if (!settings.allowPrivateAddresses()) {
            for (InetAddress address : addresses) {
                if (!PublicAddresses.isPublic(address)) {
                    throw new RefusedTarget("the host " + uri.getHost() + " has the non-public address "
                            + address.getHostAddress() + "; webhooks go to public addresses only");
                }
            }
        }
        return addresses;
    }
}
