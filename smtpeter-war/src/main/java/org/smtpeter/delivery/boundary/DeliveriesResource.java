package org.smtpeter.delivery.boundary;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;

import org.smtpeter.delivery.control.DeliveryLog;
import org.smtpeter.delivery.control.DeliveryQueue;
import org.smtpeter.delivery.entity.Delivery;
import org.smtpeter.delivery.entity.DeliveryState;
import org.smtpeter.messages.boundary.TagParameters;
import org.smtpeter.platform.boundary.Caller;
import org.smtpeter.platform.boundary.Instants;
import org.smtpeter.platform.boundary.Paging;

/**
 * The outbound queue: deliveries (the "deliveries" and "failures" logs are the delivered and
 * failed ones) and the operator's retry and cancel.
 */
@Path("deliveries")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveriesResource {

    @Inject
    DeliveryLog log;

    @Inject
    DeliveryQueue queue;

    @Inject
    Caller caller;

    public record DeliveryView(long id, String messageId, String recipient, String state, int attempts,
                               Instant nextAttemptAt, Instant lastAttemptAt, Instant finishedAt, Instant expiresAt,
                               Integer lastCode, String lastEnhancedCode, String lastReply, String lastRemoteHost) {
        static DeliveryView of(Delivery d) {
            boolean waiting = d.getState() == DeliveryState.QUEUED || d.getState() == DeliveryState.DEFERRED;
            return new DeliveryView(d.getId(), d.getMessage().getPublicId(), d.getRecipient(),
                    d.getState().name().toLowerCase(Locale.ROOT), d.getAttempts(), waiting ? d.getNextAttemptAt() : null,
                    d.getLastAttemptAt(), d.getFinishedAt(), d.getExpiresAt(), d.getLastCode(), d.getLastEnhancedCode(),
                    d.getLastReply(), d.getLastRemoteHost());
        }
    }

    @GET
    public List<DeliveryView> deliveries(@QueryParam("state") String state, @QueryParam("message") String message,
                                         @QueryParam("recipient") String recipient, @QueryParam("from") String from,
                                         @QueryParam("to") String to, @QueryParam("tag") List<String> tag,
                                         @QueryParam("offset") @DefaultValue("0") int offset,
                                         @QueryParam("limit") @DefaultValue("100") int limit) {
        Paging paging = Paging.of(offset, limit);
        return log.deliveries(filter(message, recipient, from, to, tag, caller.accountScope()), state(state),
                        paging.offset(), paging.limit())
                .stream().map(DeliveryView::of).toList();
    }

    @GET
    @Path("{id}")
    public DeliveryView delivery(@PathParam("id") long id) {
        return DeliveryView.of(visible(id));
    }

    @POST
    @Path("{id}/retry")
    public DeliveryView retry(@PathParam("id") long id) {
        visible(id);
        return queue.retryNow(id).map(DeliveryView::of)
                .orElseThrow(() -> conflictOrMissing(id, "only queued or deferred deliveries can be retried"));
    }

    @POST
    @Path("{id}/cancel")
    public DeliveryView cancel(@PathParam("id") long id) {
        visible(id);
        return queue.cancel(id).map(DeliveryView::of)
                .orElseThrow(() -> conflictOrMissing(id, "only queued or deferred deliveries can be cancelled"));
    }

    private WebApplicationException conflictOrMissing(long id, String conflict) {
        return log.find(id) == null ? new NotFoundException("No delivery " + id)
                : new WebApplicationException(conflict, 409);
    }

    /** Another account's delivery is 404, as if it did not exist. */
    private Delivery visible(long id) {
        return log.find(id, caller.accountScope()).orElseThrow(() -> new NotFoundException("No delivery " + id));
    }

    static DeliveryLog.Filter filter(String message, String recipient, String from, String to, List<String> tags,
                                     Long account) {
        return new DeliveryLog.Filter(message, recipient, Instants.parse("from", from), Instants.parse("to", to),
                account, TagParameters.parse(tags));
    }

    private static DeliveryState state(String value) {
        try {
            return value == null ? null : DeliveryState.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("state must be one of queued, sending, deferred, delivered, failed, cancelled, "
                    + "suppressed");
        }
    }
}
