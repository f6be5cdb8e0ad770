package org.smtpeter.delivery.boundary;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.smtpeter.delivery.control.DeliveryLog;
import org.smtpeter.delivery.entity.DeliveryAttempt;
import org.smtpeter.platform.boundary.Caller;
import org.smtpeter.platform.boundary.Paging;

/** SMTPeter's "attempts" log: every try to hand a copy to the next hop, with the remote reply. */
@Path("attempts")
@Produces(MediaType.APPLICATION_JSON)
public class AttemptsResource {

    @Inject
    DeliveryLog log;

    @Inject
    Caller caller;

    public record AttemptView(long id, long deliveryId, String messageId, String recipient, Instant time,
                              long durationMillis, String remoteHost, String remoteIp, int code, String enhancedCode,
                              String reply, String tls, String outcome) {
        static AttemptView of(DeliveryAttempt a) {
            return new AttemptView(a.getId(), a.getDelivery().getId(), a.getMessagePublicId(), a.getRecipient(),
                    a.getStartedAt(), a.getDurationMillis(), a.getRemoteHost(), a.getRemoteIp(), a.getCode(),
                    a.getEnhancedCode(), a.getReply(), a.getTlsProtocol(), a.getOutcome().name().toLowerCase(Locale.ROOT));
        }
    }

    @GET
    public List<AttemptView> attempts(@QueryParam("message") String message, @QueryParam("recipient") String recipient,
                                      @QueryParam("from") String from, @QueryParam("to") String to,
                                      @QueryParam("tag") List<String> tag,
                                      @QueryParam("offset") @DefaultValue("0") int offset,
                                      @QueryParam("limit") @DefaultValue("100") int limit) {
        Paging paging = Paging.of(offset, limit);
        return log.attempts(DeliveriesResource.filter(message, recipient, from, to, tag, caller.accountScope()),
                        paging.offset(), paging.limit())
                .stream().map(AttemptView::of).toList();
    }
}
