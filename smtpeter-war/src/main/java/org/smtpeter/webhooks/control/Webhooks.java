package org.smtpeter.webhooks.control;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.smtpeter.credentials.control.AccountClosing;
import org.smtpeter.credentials.entity.Account;
import org.smtpeter.events.control.MailEvent;
import org.smtpeter.platform.control.Jsonp;
import org.smtpeter.webhooks.entity.WebhookDelivery;
import org.smtpeter.webhooks.entity.WebhookEndpoint;

/**
 * An account's webhook endpoints as the API and the dashboard manage them: created with a secret
 * that the caller sees once, changed, enabled and disabled, rotated, deleted, and sent a test
 * event. Callers check that the endpoint belongs to the account they act for.
 */
@Stateless
public class Webhooks {

    /** The type of the event "send test event" sends; not a mail event, and sent whatever the endpoint wants. */
    public static final String TEST_EVENT = "test";

    /** Every event type an endpoint may ask for, as on the wire. */
    public static final List<String> EVENT_TYPES = Arrays.stream(MailEvent.Type.values())
            .map(MailEvent.Type::wireName).toList();

    static final int MAX_DESCRIPTION = 200;

    @PersistenceContext
    EntityManager em;

    @Inject
    WebhookTargets targets;

    @Inject
    Event<WebhookQueued> queued;

    @Inject
    Clock clock;

    @Inject
    AccountsWithoutEndpoints withoutEndpoints;

    /** Input the caller gave that cannot be taken, with the reason in words. */
    public static class InvalidWebhook extends Exception {

        private static final long serialVersionUID = 1L;

        public InvalidWebhook(String reason) {
            super(reason);
        }
    }

    public WebhookEndpoint create(Account account, String url, String description, Collection<String> eventTypes)
            throws InvalidWebhook {
        WebhookEndpoint endpoint = new WebhookEndpoint(account, target(url), description(description),
                eventTypes(eventTypes), WebhookSignature.newSecret(), Instant.now(clock));
        em.persist(endpoint);
        withoutEndpoints.forget(account.getId());
        return endpoint;
    }

    public List<WebhookEndpoint> endpoints(long accountId) {
        return em.createNamedQuery(WebhookEndpoint.OF_ACCOUNT, WebhookEndpoint.class)
                .setParameter("account", accountId).getResultList();
    }

    public Optional<WebhookEndpoint> endpoint(long id) {
        return Optional.ofNullable(em.find(WebhookEndpoint.class, id));
    }

    /** Changes what is given (null keeps the current value). */
    public WebhookEndpoint change(long id, String url, String description, Collection<String> eventTypes,
                                  Boolean enabled) throws InvalidWebhook {
        WebhookEndpoint endpoint = existing(id);
        endpoint.change(url == null ? endpoint.getUrl() : target(url),
                description == null ? endpoint.getDescription() : description(description),
                eventTypes == null ? new LinkedHashSet<>(endpoint.getEventTypes()) : eventTypes(eventTypes));
        if (Boolean.TRUE.equals(enabled) && !endpoint.isEnabled()) {
            endpoint.enable();
        } else if (Boolean.FALSE.equals(enabled) && endpoint.isEnabled()) {
            endpoint.disable(Instant.now(clock), "Disabled by hand.");
        }
        withoutEndpoints.forget(endpoint.getAccountId());
        return endpoint;
    }

    /** A new secret; the old one stops signing at once. */
    public WebhookEndpoint rotate(long id) throws InvalidWebhook {
        WebhookEndpoint endpoint = existing(id);
        endpoint.rotate(WebhookSignature.newSecret());
        return endpoint;
    }

    /** The endpoint goes, and its delivery log with it. */
    public void delete(long id) {
        em.createQuery("DELETE FROM WebhookDelivery d WHERE d.endpoint.id = :id").setParameter("id", id)
                .executeUpdate();
        em.createQuery("DELETE FROM WebhookEndpoint e WHERE e.id = :id").setParameter("id", id).executeUpdate();
    }

    /** Queues a {@value #TEST_EVENT} event for the endpoint, sent at once (after what it already waits for). */
    public WebhookDelivery sendTest(long id) throws InvalidWebhook {
        WebhookEndpoint endpoint = existing(id);
        if (!endpoint.isEnabled()) {
            throw new InvalidWebhook("the endpoint is disabled; enable it first");
        }
        String eventId = UUID.randomUUID().toString();
        Instant now = Instant.now(clock);
        String body = Jsonp.object().add("id", eventId).add("type", TEST_EVENT).add("occurredAt", now.toString())
                .add("accountId", endpoint.getAccountId()).add("account", endpoint.getAccount().getName())
                .add("endpointId", endpoint.getId()).build().toString();
        WebhookDelivery delivery = new WebhookDelivery(endpoint, eventId, TEST_EVENT, body, now);
        em.persist(delivery);
        queued.fire(new WebhookQueued());
        return delivery;
    }

    /** The endpoint's delivery log, newest first. */
    public List<WebhookDelivery> deliveries(long endpointId, int offset, int limit) {
        return em.createNamedQuery(WebhookDelivery.OF_ENDPOINT, WebhookDelivery.class)
                .setParameter("endpoint", endpointId).setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    /** An account being deleted takes its endpoints and their logs along. */
    public void dropEndpoints(@Observes AccountClosing closing) {
        endpoints(closing.accountId()).forEach(endpoint -> delete(endpoint.getId()));
    }

    private WebhookEndpoint existing(long id) throws InvalidWebhook {
        return endpoint(id).orElseThrow(() -> new InvalidWebhook("no webhook endpoint " + id));
    }

    private String target(String url) throws InvalidWebhook {
        try {
            return targets.check(url).toString();
        } catch (WebhookTargets.RefusedTarget refused) {
            throw new InvalidWebhook(refused.getMessage());
        }
    }

    private static String description(String description) throws InvalidWebhook {
        String text = description == null || description.isBlank() ? null : description.strip();
        if (text != null && text.length() > MAX_DESCRIPTION) {
            throw new InvalidWebhook("description is at most " + MAX_DESCRIPTION + " characters");
        }
        return text;
    }

    /** The types asked for, known and without repeats; none means all. */
    static Set<String> eventTypes(Collection<String> asked) throws InvalidWebhook {
        if (asked == null) {
            return Set.of();
        }
        Set<String> types = new LinkedHashSet<>();
        for (String type : asked) {
            String name = type == null ? "" : type.strip();
            if (!EVENT_TYPES.contains(name)) {
                throw new InvalidWebhook("unknown event type '" + name + "'; known: "
                        + EVENT_TYPES.stream().collect(Collectors.joining(", ")));
            }
            types.add(name);
        }
        return types;
    }
}
