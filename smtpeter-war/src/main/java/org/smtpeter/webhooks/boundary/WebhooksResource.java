package org.smtpeter.webhooks.boundary;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.smtpeter.audit.control.AuditActions;
import org.smtpeter.audit.control.Changes;
import org.smtpeter.credentials.boundary.AccountResource;
import org.smtpeter.credentials.entity.Account;
import org.smtpeter.platform.boundary.Paging;
import org.smtpeter.webhooks.control.Webhooks;
import org.smtpeter.webhooks.entity.WebhookDelivery;
import org.smtpeter.webhooks.entity.WebhookEndpoint;

/**
 * An account's webhook endpoints and their delivery logs. The signing secret appears once: in the
 * response that created or rotated it. Each change is one transaction with its audit log entry;
 * a test event is not recorded (it changes nothing).
 */
@RequestScoped
@Path("accounts/{account}/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "webhooks", description = "Signed HTTP callbacks with the account's events")
public class WebhooksResource extends AccountResource {

    private static final String ONCE = "Store this secret now: it is shown only once and cannot be retrieved again.";

    @Inject
    Webhooks webhooks;

    /** @param eventTypes empty or absent: every type */
    public record NewEndpoint(String url, String description, List<String> eventTypes) {
    }

    /** PATCH body: only the fields given change. */
    public record EndpointChange(String url, String description, List<String> eventTypes, Boolean enabled) {
    }

    /** What a person sets on an endpoint, compared before and after a change for its audit entry. */
    public record Settings(String url, String description, List<String> eventTypes, boolean enabled) {
        static Settings of(WebhookEndpoint e) {
            return new Settings(e.getUrl(), e.getDescription(), List.copyOf(e.getEventTypes()), e.isEnabled());
        }
    }

    /** @param disabledNotice why it was disabled, when it was */
    public record EndpointView(long id, long accountId, String url, String description, List<String> eventTypes,
                               boolean enabled, Instant createdAt, Instant failingSince, Instant disabledAt,
                               String disabledNotice) {
        static EndpointView of(WebhookEndpoint e) {
            return new EndpointView(e.getId(), e.getAccountId(), e.getUrl(), e.getDescription(), e.getEventTypes(),
                    e.isEnabled(), e.getCreatedAt(), e.getFailingSince(), e.getDisabledAt(), e.getDisabledNotice());
        }
    }

    public record EndpointWithSecret(long id, long accountId, String url, String description, List<String> eventTypes,
                                     boolean enabled, Instant createdAt, String secret, String notice) {
        static EndpointWithSecret of(WebhookEndpoint e) {
            return new EndpointWithSecret(e.getId(), e.getAccountId(), e.getUrl(), e.getDescription(),
                    e.getEventTypes(), e.isEnabled(), e.getCreatedAt(), e.getSecret(), ONCE);
        }
    }

    /**
     * @param state PENDING (waiting for its next try), SUCCEEDED (answered 2xx) or FAILED (given up)
     * @param responseCode of the last try; null when there was no answer (see lastError)
     */
    public record DeliveryView(long id, String eventId, String eventType, String state, int attempts,
                               Integer responseCode, Long durationMillis, Instant lastAttemptAt, Instant nextAttemptAt,
                               String lastError, Instant createdAt) {
        static DeliveryView of(WebhookDelivery d) {
            return new DeliveryView(d.getId(), d.getEventId(), d.getEventType(), d.getState().name(), d.getAttempts(),
                    d.getResponseCode(), d.getDurationMillis(), d.getLastAttemptAt(), d.getNextAttemptAt(),
                    d.getLastError(), d.getCreatedAt());
        }
    }

    @POST
    @Transactional
    @Operation(summary = "Add a webhook endpoint; the response holds its signing secret, once",
            description = "url: http or https, at a public address. eventTypes: any of accepted, rejected, delivered,"
                    + " deferred, failed, bounced, complained, opened, clicked; empty for all.")
    public Response create(NewEndpoint request) {
        Account account = pathAccounts.visible(accountId);
        if (request == null) {
            throw new BadRequestException("a JSON body with url (and eventTypes, description) is required");
        }
        WebhookEndpoint created = invalidIs400(() -> webhooks.create(account, request.url(), request.description(),
                request.eventTypes()));
        audit.record(accountId, AuditActions.WEBHOOK_CREATED, created.getUrl());
        return Response.created(URI.create("accounts/" + accountId + "/webhooks/" + created.getId()))
                .entity(EndpointWithSecret.of(created)).build();
    }

    @GET
    public List<EndpointView> list(@QueryParam("offset") @DefaultValue("0") int offset,
                                   @QueryParam("limit") @DefaultValue("100") int limit) {
        Paging paging = Paging.of(offset, limit);
        pathAccounts.visible(accountId);
        return webhooks.endpoints(accountId).stream().skip(paging.offset()).limit(paging.limit())
                .map(EndpointView::of).toList();
    }

    @GET
    @Path("{id}")
    public EndpointView get(@PathParam("id") long id) {
        return EndpointView.of(endpoint(id));
    }

    @PATCH
    @Transactional
    @Path("{id}")
    @Operation(summary = "Change the URL, description or event types, or enable or disable the endpoint",
            description = "Only the fields given change. Enabling a disabled endpoint clears its notice; events "
                    + "recorded while it was disabled are not sent.")
    public EndpointView change(@PathParam("id") long id, EndpointChange change) {
        Settings before = Settings.of(endpoint(id));
        if (change == null) {
            throw new BadRequestException("a JSON body with url, description, eventTypes or enabled is required");
        }
        WebhookEndpoint changed = invalidIs400(() -> webhooks.change(id, change.url(), change.description(),
                change.eventTypes(), change.enabled()));
        String changes = Changes.between(before, Settings.of(changed));
        if (!changes.isEmpty()) {
            audit.record(accountId, AuditActions.WEBHOOK_CHANGED, before.url() + ": " + changes);
        }
        return EndpointView.of(changed);
    }

    @POST
    @Transactional
    @Path("{id}/rotate")
    @Operation(summary = "Give the endpoint a new signing secret; the old one stops at once",
            description = "The response holds the new secret, once.")
    public EndpointWithSecret rotate(@PathParam("id") long id) {
        endpoint(id);
        WebhookEndpoint rotated = invalidIs400(() -> webhooks.rotate(id));
        audit.record(accountId, AuditActions.WEBHOOK_SECRET_ROTATED, rotated.getUrl());
        return EndpointWithSecret.of(rotated);
    }

    @POST
    @Path("{id}/test")
    @Operation(summary = "Send the endpoint a test event now",
            description = "Queues an event of type test, signed like any other; its outcome is in the delivery log. "
                    + "409 when the endpoint is disabled.")
    public Response test(@PathParam("id") long id) {
        WebhookEndpoint endpoint = endpoint(id);
        if (!endpoint.isEnabled()) {
            throw new ClientErrorException("The endpoint is disabled; enable it first", Response.Status.CONFLICT);
        }
        return Response.accepted(DeliveryView.of(invalidIs400(() -> webhooks.sendTest(id)))).build();
    }

    @GET
    @Path("{id}/deliveries")
    @Operation(summary = "The endpoint's delivery log, newest first",
            description = "One entry per event: its state, tries, the last response code and duration, the next try.")
    public List<DeliveryView> deliveries(@PathParam("id") long id,
                                         @QueryParam("offset") @DefaultValue("0") int offset,
                                         @QueryParam("limit") @DefaultValue("100") int limit) {
        Paging paging = Paging.of(offset, limit);
        endpoint(id);
        return webhooks.deliveries(id, paging.offset(), paging.limit()).stream().map(DeliveryView::of).toList();
    }

    @DELETE
    @Transactional
    @Path("{id}")
    @Operation(summary = "Delete the endpoint with its delivery log; what it still waited for is not sent")
    public Response delete(@PathParam("id") long id) {
        String url = endpoint(id).getUrl();
        webhooks.delete(id);
        audit.record(accountId, AuditActions.WEBHOOK_DELETED, url);
        return Response.noContent().build();
    }

    /** The endpoint, when it is this account's and the caller may see the account; anything else is 404. */
    private WebhookEndpoint endpoint(long id) {
        pathAccounts.visible(accountId);
        return webhooks.endpoint(id).filter(e -> e.getAccountId() == accountId)
                .orElseThrow(() -> new NotFoundException("No webhook endpoint " + id + " in account " + accountId));
    }

    private interface Action<T> {
        T run() throws Webhooks.InvalidWebhook;
    }

    private static <T> T invalidIs400(Action<T> action) {
        try {
            return action.run();
        } catch (Webhooks.InvalidWebhook invalid) {
            throw new BadRequestException(invalid.getMessage());
        }
    }
}
