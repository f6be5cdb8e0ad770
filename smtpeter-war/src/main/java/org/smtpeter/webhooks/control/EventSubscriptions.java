package org.smtpeter.webhooks.control;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.PersistenceContext;

import org.smtpeter.events.control.EventJson;
import org.smtpeter.events.control.MailEvent;
import org.smtpeter.webhooks.entity.WebhookDelivery;
import org.smtpeter.webhooks.entity.WebhookEndpoint;

/**
 * Writes each event of an account into the webhook outbox, once per endpoint that wants it, in
 * the transaction that records the event: the event and its webhooks commit together or not at
 * all, and the mail path never waits for an endpoint. As for the JMS topic, only mail an account
 * sent with one of its credentials is told about (and what it had rejected).
 */
@ApplicationScoped
public class EventSubscriptions {

    @PersistenceContext
    EntityManager em;

    @Inject
    Event<WebhookQueued> queued;

    @Inject
    Clock clock;

    @Inject
    AccountsWithoutEndpoints withoutEndpoints;

    public void recorded(@Observes MailEvent event) {
        if (event.accountId() == null
                || (event.credential() == null && event.type() != MailEvent.Type.REJECTED)) {
            return;
        }
        if (withoutEndpoints.isKnown(event.accountId())) {
            return;
        }
        String type = event.type().wireName();
        long seen = withoutEndpoints.beforeLookup();
        // COMMIT: the mail transaction never changes endpoints, so the query need not write out what
        // it holds first (a flush per event was 4 % of the relay's CPU in the throughput profile);
        // an endpoint removed earlier in this transaction (an account closing) is skipped.
        List<WebhookEndpoint> enabled = em.createNamedQuery(WebhookEndpoint.ENABLED_OF_ACCOUNT, WebhookEndpoint.class)
                .setParameter("account", event.accountId()).setParameter("enabled", true)
                .setFlushMode(FlushModeType.COMMIT).getResultList();
        if (enabled.isEmpty()) {
            withoutEndpoints.remember(event.accountId(), seen);
            return;
        }
        List<WebhookEndpoint> endpoints = enabled.stream()
                .filter(endpoint -> endpoint.wants(type) && em.contains(endpoint)).toList();
        if (endpoints.isEmpty()) {
            return;
        }
        String body = EventJson.of(event);
        Instant now = Instant.now(clock);
        for (WebhookEndpoint endpoint : endpoints) {
            em.persist(new WebhookDelivery(endpoint, event.id(), type, body, now));
        }
        queued.fire(new WebhookQueued());
    }
}
