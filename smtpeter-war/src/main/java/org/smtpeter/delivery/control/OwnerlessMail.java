package org.smtpeter.delivery.control;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.inject.Inject;

import org.smtpeter.credentials.control.AccountClosing;
import org.smtpeter.delivery.entity.DeliveryState;

/** Mail of an account being deleted that still waits in the queue is cancelled: nobody owns it any more. */
@Stateless
public class OwnerlessMail {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    public void cancelWaiting(@Observes AccountClosing closing) {
        // The version goes up as well, so a worker that claimed one of them meanwhile fails its optimistic lock.
        em.createQuery("UPDATE Delivery d SET d.state = :cancelled, d.finishedAt = :now, d.version = d.version + 1"
                        + " WHERE d.state IN :waiting"
                        + " AND d.message.id IN (SELECT m.id FROM Message m WHERE m.account.id = :account)")
                .setParameter("cancelled", DeliveryState.CANCELLED).setParameter("now", Instant.now(clock))
                .setParameter("waiting", List.of(DeliveryState.QUEUED, DeliveryState.DEFERRED))
                .setParameter("account", closing.accountId()).executeUpdate();
    }
}
