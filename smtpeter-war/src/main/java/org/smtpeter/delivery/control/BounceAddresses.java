package org.smtpeter.delivery.control;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * VERP envelope senders on the bounce domain: {@code b-<token>@<bounce domain>}, one per
 * recipient's copy. The token is random and stored with the delivery, so it is unguessable and
 * maps back to the message and recipient; at 22 characters the local part stays far below 64.
 * The same token with {@code u-} is the copy's mailto unsubscribe address.
 */
@ApplicationScoped
public class BounceAddresses {

    private static final String PREFIX = "b-";
    private static final String UNSUBSCRIBE_PREFIX = "u-";
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    private static final int TOKEN_LENGTH = 20;

    @Inject
    @ConfigProperty(name = "smtpeter.bounces.domain")
    Optional<String> configuredDomain;

    @Inject
    @ConfigProperty(name = "smtpeter.hostname")
    Optional<String> hostName;

    private final SecureRandom random = new SecureRandom();
    private String domain;

    @PostConstruct
    void resolveDomain() {
        domain = configuredDomain.filter(d -> !d.isBlank())
                .orElseGet(() -> "bounces." + hostName.filter(h -> !h.isBlank()).orElseGet(BounceAddresses::localHost))
                .toLowerCase(Locale.ROOT);
    }

    public String domain() {
        return domain;
    }

    public String newToken() {
        StringBuilder token = new StringBuilder(TOKEN_LENGTH);
        for (int i = 0; i < TOKEN_LENGTH; i++) {
            token.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return token.toString();
    }

    public String address(String token) {
        return PREFIX + token + "@" + domain;
    }

    /** The mailto address of one-click unsubscribe for the copy with this token. */
    public String unsubscribeAddress(String token) {
        return UNSUBSCRIBE_PREFIX + token + "@" + domain;
    }

    /** Whether an address on the bounce domain is an unsubscribe address rather than a bounce address. */
    public boolean isUnsubscribeAddress(String address) {
        return isBounceDomain(address) && address.regionMatches(true, 0, UNSUBSCRIBE_PREFIX, 0, UNSUBSCRIBE_PREFIX.length());
    }

    public boolean isBounceDomain(String address) {
        int at = address.lastIndexOf('@');
        return at > 0 && address.substring(at + 1).equalsIgnoreCase(domain);
    }

    /** The token of a bounce or unsubscribe address on the bounce domain, if it has the shape of one. */
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
