package org.smtpeter.bounces.boundary;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.smtpeter.bounces.control.BounceLog;
import org.smtpeter.bounces.entity.Bounce;
import org.smtpeter.messages.boundary.TagParameters;
import org.smtpeter.messages.control.TagFilter;
import org.smtpeter.platform.boundary.Caller;
import org.smtpeter.platform.boundary.Paging;

/** What came back: the bounces log (with its failures and responses) and the abuses log. */
@Path("{log: bounces|complaints}")
@Produces(MediaType.APPLICATION_JSON)
public class BouncesResource {

    @Inject
    BounceLog bounces;

    @Inject
    Caller caller;

    /**
     * One record. {@code category} is the reason in Sisimai's vocabulary (userunknown, mailboxfull,
     * blocked, ...; the Feedback-Type for complaints); {@code reportedRecipient} is the address the
     * report named when it is not {@code recipient} (reports naming several recipients).
     */
    public record BounceView(long id, Instant time, String messageId, String recipient, String reportedRecipient,
                             String kind, String bucket, String hardness, String status, String category,
                             String diagnostic, String sourceMessageId, String forwarding) {
        static BounceView of(Bounce b) {
            return new BounceView(b.getId(), b.getOccurredAt(), b.getMessagePublicId(), b.getRecipient(),
                    b.getReportedRecipient(), b.getKind(), b.getBucket(), b.getHardness(), b.getStatus(),
                    b.getCategory(), b.getDiagnostic(), b.getSourceMessagePublicId(), b.getForwarding());
        }
    }

    @GET
    public List<BounceView> list(@PathParam("log") String log, @QueryParam("message") String message,
                                 @QueryParam("recipient") String recipient, @QueryParam("tag") List<String> tag,
                                 @QueryParam("offset") @DefaultValue("0") int offset,
                                 @QueryParam("limit") @DefaultValue("100") int limit) {
        return list("complaints".equals(log), message, recipient, TagParameters.parse(tag), offset, limit);
    }

    private List<BounceView> list(boolean complaints, String message, String recipient, TagFilter tags, int offset,
                                  int limit) {
        Paging paging = Paging.of(offset, limit);
        return bounces.list(complaints, message, recipient, caller.accountScope(), tags, paging.offset(),
                paging.limit()).stream().map(BounceView::of).toList();
    }
}
