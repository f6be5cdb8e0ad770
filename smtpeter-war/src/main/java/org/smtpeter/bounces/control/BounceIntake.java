package org.smtpeter.bounces.control;

import java.util.List;
import java.util.Optional;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.smtpeter.delivery.entity.Delivery;
import org.smtpeter.messages.entity.Message;

/**
 * Mail that arrives for the bounce domain: accepted only for tokens of real deliveries, stored
 * like any message, then understood and recorded against the message and recipient it is about.
 */
@Stateless
public class BounceIntake {

    @PersistenceContext
    EntityManager em;

    @Inject
    BounceAddresses addresses;

    public boolean isBounceDomain(String address) {
        return addresses.isBounceDomain(address);
    }

    /** Only VERP addresses of deliveries that exist; anything else is a forgery or a typo. */
    public boolean accepts(String address) {
        return delivery(address).isPresent();
    }

    /** Called in the acceptance transaction of a message to bounce addresses. */
    public void receive(Message incoming, byte[] raw) {
        for (var recipient : incoming.getRecipients()) {
            delivery(recipient.getAddress()).ifPresent(delivery -> {
                if (incoming.getAccount() == null) {
                    incoming.sentBy(delivery.getMessage().getAccount(), null);
                }
            });
        }
    }

    private Optional<Delivery> delivery(String address) {
        return addresses.token(address).flatMap(token -> {
            List<Delivery> found = em.createNamedQuery(Delivery.BY_BOUNCE_TOKEN, Delivery.class)
                    .setParameter("token", token).getResultList();
            return found.stream().findFirst();
        });
    }
}
