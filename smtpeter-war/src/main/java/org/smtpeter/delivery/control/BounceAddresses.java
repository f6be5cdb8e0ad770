package org.smtpeter.delivery.control;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.smtpeter.domains.control.SenderHosts;
import org.smtpeter.platform.control.TimeOrderedTokens;

/**
 * VERP envelope senders: {@code b-<token>@<bounce host>}, one per recipient's copy, on the relay's
 * bounce domain or on the bounce host of the sender domain that covers the From domain
 * ({@link SenderHosts}). The token is stored with the delivery, so it maps back to the message and
 * recipient whichever host it came on; it begins with the time it was made ({@link TimeOrderedTokens},
 * so that the index of the tokens grows at its end) and ends with 60 random bits, so it is
 * unguessable. At 22 characters the local part stays far below 64. The same token with {@code u-}
 * is the copy's mailto unsubscribe address.
 */
@ApplicationScoped
public class BounceAddresses {

    private static final String PREFIX = "b-";
    private static final String UNSUBSCRIBE_PREFIX = "u-";
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    /** The same symbols in the order every collation sorts them. */
    private static final String TIME_SYMBOLS = "23456789abcdefghijkmnpqrstuvwxyz";
    private static final int RANDOM_LENGTH = 12;
    private static final TimeOrderedTokens TOKENS = new TimeOrderedTokens(TIME_SYMBOLS, ALPHABET, RANDOM_LENGTH,
            Clock.systemUTC());
    private static final int TOKEN_LENGTH = TOKENS.length();

    @Inject
    @ConfigProperty(name = "smtpeter.bounces.domain")
    Optional<String> configuredDomain;

    @Inject
    @ConfigProperty(name = "smtpeter.hostname")
    Optional<String> hostName;

    @Inject
    SenderHosts senderHosts;

    private String domain;
    /** Whether a host is a sender domain's bounce host. */
    private Predicate<String> senderBounceHost;

    @PostConstruct
    void resolveDomain() {
        resolveDomain(senderHosts::isBounceHost);
    }

    void resolveDomain(Predicate<String> senderBounceHost) {
        this.senderBounceHost = senderBounceHost;
        domain = configuredDomain.filter(d -> !d.isBlank())
                .orElseGet(() -> "bounces." + hostName.filter(h -> !h.isBlank()).orElseGet(BounceAddresses::localHost))
                .toLowerCase(Locale.ROOT);
    }

    /** The relay's own bounce domain, for mail that no ready sender domain covers. */
    public String domain() {
        return domain;
    }

    public String newToken() {
        return TOKENS.next();
    }

    /** @param host the bounce domain or a sender domain's bounce host */
    public String address(String token, String host) {
        return PREFIX + token + "@" + host;
    }

    /** The mailto address of one-click unsubscribe for the copy with this token. */
    public String unsubscribeAddress(String token, String host) {
        return UNSUBSCRIBE_PREFIX + token + "@" + host;
    }

    /** Whether an address on a bounce host is an unsubscribe address rather than a bounce address. */
    public boolean isUnsubscribeAddress(String address) {
        return isBounceDomain(address) && address.regionMatches(true, 0, UNSUBSCRIBE_PREFIX, 0, UNSUBSCRIBE_PREFIX.length());
    }

    /** Whether the address is on the relay's bounce domain or on a sender domain's bounce host. */
    public boolean isBounceDomain(String address) {
        int at = address.lastIndexOf('@');
        if (at <= 0) {
            return false;
        }
        String host = address.substring(at + 1);
        return host.equalsIgnoreCase(domain) || senderBounceHost.test(host.toLowerCase(Locale.ROOT));
    }

    /** The token of a bounce or unsubscribe address on a bounce host, if it has the shape of one. */
    public Optional<String> token(String address) {
        if (!isBounceDomain(address)) {
            return Optional.empty();
        }
        String local = address.substring(0, address.lastIndexOf('@')).toLowerCase(Locale.ROOT);
        if (!(local.startsWith(PREFIX) || local.startsWith(UNSUBSCRIBE_PREFIX))
                || local.length() != PREFIX.length() + TOKEN_LENGTH) {
            return Optional.empty();
        }
        String token = local.substring(PREFIX.length());
        return token.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0) ? Optional.of(token) : Optional.empty();
    }

    private static String localHost() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
