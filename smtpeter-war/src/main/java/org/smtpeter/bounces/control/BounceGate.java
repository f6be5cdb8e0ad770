package org.smtpeter.bounces.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.smtpeter.delivery.entity.Delivery;
import org.smtpeter.smtp.api.Envelope;
import org.smtpeter.smtp.api.Recipient;
import org.smtpeter.smtp.api.SmtpReply;
import org.smtpeter.delivery.control.BounceAddresses;

/**
 * Who may write to a bounce address without AUTH, and how much: only to the token of a real
 * delivery, only for {@code smtpeter.bounces.address-lifetime} after that delivery ended, only
 * small messages, and only so many per address and per client (see {@link BounceRates}).
 *
 * <p>An expired address is refused at RCPT with 550 5.1.1 rather than accepted and dropped: the
 * remote MTA then knows at once, a late DSN (null sender) is simply discarded there, and a person
 * replying to an old Return-Path learns that the address no longer takes mail instead of writing
 * into a void. Nothing is stored for mail that nobody will read.
 */
@Stateless
public class BounceGate {

    static final SmtpReply NO_SUCH_ADDRESS = SmtpReply.of(550, "5.1.1", "No such bounce address");
    static final SmtpReply EXPIRED = SmtpReply.of(550, "5.1.1", "Bounce address expired: it no longer accepts mail");
    static final SmtpReply ADDRESS_OVER_LIMIT = SmtpReply.of(450, "4.7.1",
            "Too much mail for this bounce address; try again later");
    static final SmtpReply CLIENT_OVER_LIMIT = SmtpReply.of(450, "4.7.1",
            "Too much mail to bounce addresses from your address; try again later");

    @PersistenceContext
    EntityManager em;

    @Inject
    BounceAddresses addresses;

    @Inject
    BounceSettings settings;

    @Inject
    BounceRates rates;

    @Inject
    Clock clock;

    public boolean isBounceDomain(String address) {
        return addresses.isBounceDomain(address);
    }

    /** A copy's mailto unsubscribe address, which takes mail on the same terms as its bounce address. */
    public boolean isUnsubscribeAddress(String address) {
        return addresses.isUnsubscribeAddress(address);
    }

    /** Why {@code candidate}, an address on the bounce domain, is refused in this transaction; empty to accept it. */
    public Optional<SmtpReply> refuseRecipient(Envelope transaction, Recipient candidate) {
        Optional<Delivery> delivery = delivery(candidate.address());
        if (delivery.isEmpty()) {
            return Optional.of(NO_SUCH_ADDRESS); // a forgery or a typo
        }
        if (isExpired(delivery.get(), settings.limits().addressLifetime(), Instant.now(clock))) {
            return Optional.of(EXPIRED);
        }
        Optional<SmtpReply> tooLarge = refuseMessage(transaction.declaredSize());
        if (tooLarge.isPresent()) {
            return tooLarge;
        }
        return switch (rates.accept(delivery.get().getBounceToken(), transaction.client().address())) {
            case ALLOWED -> Optional.empty();
            case ADDRESS_OVER_LIMIT -> Optional.of(ADDRESS_OVER_LIMIT);
            case CLIENT_OVER_LIMIT -> Optional.of(CLIENT_OVER_LIMIT);
        };
    }

    /** The size limit of the bounce path, for SIZE= at RCPT and for the message at the end of DATA. */
    public Optional<SmtpReply> refuseMessage(long size) {
        long max = settings.limits().maxMessageSize();
        return size > max
                ? Optional.of(SmtpReply.of(552, "5.3.4", "Message too large for a bounce address (at most " + max + " octets)"))
                : Optional.empty();
    }

    /** The delivery a bounce address belongs to, whether or not it still takes mail. */
    public Optional<Delivery> delivery(String address) {
        return addresses.token(address).flatMap(token -> em.createNamedQuery(Delivery.BY_BOUNCE_TOKEN, Delivery.class)
                .setParameter("token", token).getResultList().stream().findFirst());
    }

    /** Counted from the end of the delivery; while it is still being tried the address lives. */
    static boolean isExpired(Delivery delivery, Duration lifetime, Instant now) {
        return delivery.getFinishedAt() != null && now.isAfter(delivery.getFinishedAt().plus(lifetime));
    }
}
