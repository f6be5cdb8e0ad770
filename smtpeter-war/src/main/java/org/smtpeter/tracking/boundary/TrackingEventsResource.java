package org.smtpeter.tracking.boundary;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.smtpeter.messages.boundary.TagParameters;
import org.smtpeter.messages.control.TagFilter;
import org.smtpeter.platform.boundary.Caller;
import org.smtpeter.platform.boundary.Paging;
import org.smtpeter.tracking.control.TrackingLog;
import org.smtpeter.tracking.entity.TrackingEvent;

/** The clicks and opens logs in the admin API. */
@Path("{log: clicks|opens}")
@Produces(MediaType.APPLICATION_JSON)
public class TrackingEventsResource {

    @Inject
    TrackingLog tracking;

    @Inject
    Caller caller;

    public record EventView(long id, String kind, String messageId, String recipient, int position, String url,
                            Instant time, String ip, String userAgent, boolean machine) {
        static EventView of(TrackingEvent e) {
            return new EventView(e.getId(), e.getKind().name().toLowerCase(Locale.ROOT), e.getMessagePublicId(),
                    e.getRecipient(), e.getPosition(), e.getUrl(), e.getOccurredAt(), e.getIp(), e.getUserAgent(),
                    e.isMachine());
        }
    }

    @GET
    public List<EventView> events(@PathParam("log") String log, @QueryParam("message") String message,
                                  @QueryParam("recipient") String recipient, @QueryParam("tag") List<String> tag,
                                  @QueryParam("offset") @DefaultValue("0") int offset,
                                  @QueryParam("limit") @DefaultValue("100") int limit) {
        return events("clicks".equals(log) ? TrackingEvent.Kind.CLICK : TrackingEvent.Kind.OPEN, message, recipient,
                TagParameters.parse(tag), offset, limit);
    }

    private List<EventView> events(TrackingEvent.Kind kind, String message, String recipient, TagFilter tags,
                                   int offset, int limit) {
        Paging paging = Paging.of(offset, limit);
        return tracking.events(kind, message, recipient, caller.accountScope(), tags, paging.offset(), paging.limit())
                .stream().map(EventView::of).toList();
    }
}
