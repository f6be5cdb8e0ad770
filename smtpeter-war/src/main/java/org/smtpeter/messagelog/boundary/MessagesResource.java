package org.smtpeter.messagelog.boundary;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.smtpeter.intake.boundary.MessageSending;
import org.smtpeter.messagelog.control.MessageLog;
import org.smtpeter.messagelog.control.MessageSearch;
import org.smtpeter.messagelog.control.MessageTimeline;
import org.smtpeter.messagelog.control.TimelineEvent;
import org.smtpeter.messages.entity.EnvelopeRecipient;
import org.smtpeter.messages.boundary.TagParameters;
import org.smtpeter.messages.entity.Message;
import org.smtpeter.platform.boundary.Caller;
import org.smtpeter.platform.boundary.Instants;
import org.smtpeter.platform.boundary.Paging;

/** Accepted messages: envelope, how they arrived, their timeline, and the raw source exactly as received. */
@Path("messages")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "messages", description = "The message log, and sending over HTTP")
public class MessagesResource {

    static final String TOTAL = "X-Total-Count";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    @Inject
    MessageLog log;

    @Inject
    MessageTimeline timeline;

    @Inject
    Caller caller;

    @Inject
    MessageSending sending;

    public record RecipientView(String address, String notifyConditions, String originalRecipient) {
        static RecipientView of(EnvelopeRecipient recipient) {
            return new RecipientView(recipient.getAddress(), recipient.getNotifyConditions(),
                    recipient.getOriginalRecipient());
        }
    }

    public record MessageView(String id, Instant receivedAt, String account, String credential, String subject,
                              long size, String listener, String clientAddress, String clientHelo, String tlsProtocol,
                              String tlsCipher, String sender, String body, boolean smtpUtf8, String ret,
                              String envid, List<RecipientView> recipients, String features, List<String> tags,
                              String processingNote) {
        static MessageView of(Message m) {
            return new MessageView(m.getPublicId(), m.getReceivedAt(),
                    m.getAccount() == null ? null : m.getAccount().getName(), m.getCredentialUsername(),
                    m.getSubject(), m.getSize(), m.getListenerRole(), m.getClientAddress(), m.getClientHelo(),
                    m.getTlsProtocol(), m.getTlsCipher(), m.getReversePath(), m.getBody(), m.isSmtpUtf8(), m.getRet(),
                    m.getEnvelopeId(), m.getRecipients().stream().map(RecipientView::of).toList(), m.getFeatures(),
                    m.getTags(), m.getProcessingNote());
        }
    }

    public record EventView(Instant time, String type, String summary, Map<String, String> details,
                            List<String> tags) {
        static EventView of(TimelineEvent event) {
            return new EventView(event.time(), event.type(), event.summary(), event.details(), event.tags());
        }
    }

    @GET
    @Operation(summary = "Search the message log, newest first",
            description = "sender and recipient match whole addresses in any case; subject matches a part of the "
                    + "decoded subject in any case; status matches messages with any delivery in that state; tag (repeated, "
                    + "or comma-separated) matches messages with any of the tags, exactly.")
    @APIResponse(responseCode = "200", description = "One page of messages",
            headers = @Header(name = TOTAL, description = "How many messages match, over all pages"))
    public Response list(@QueryParam("sender") String sender, @QueryParam("recipient") String recipient,
                         @QueryParam("subject") String subject, @QueryParam("id") String id,
                         @QueryParam("from") String from, @QueryParam("to") String to,
                         @QueryParam("status") String status, @QueryParam("account") Long account,
                         @QueryParam("tag") List<String> tag,
                         @QueryParam("offset") @DefaultValue("0") int offset,
                         @QueryParam("limit") @DefaultValue("50") int limit) {
        Paging paging = Paging.of(offset, limit);
        MessageSearch search = search(caller.scope(account), sender, recipient, subject, id,
                Instants.parse("from", from), Instants.parse("to", to), status, tag);
        List<MessageView> page = log.search(search, paging.offset(), paging.limit()).stream()
                .map(MessageView::of).toList();
        return Response.ok(page).header(TOTAL, log.count(search)).build();
    }

    @GET
    @Path("{id}")
    public MessageView get(@PathParam("id") String id) {
        return MessageView.of(message(id));
    }

    @GET
    @Path("{id}/events")
    @Operation(summary = "The message's timeline: accepted, attempts, outcomes, bounces, opens, clicks; oldest first")
    public List<EventView> events(@PathParam("id") String id) {
        message(id);
        return timeline.timeline(id).stream().map(EventView::of).toList();
    }

    /** The source as received; message/rfc822 so that a browser offers it as a download. */
    @GET
    @Path("{id}/raw")
    @Produces("message/rfc822")
    public byte[] raw(@PathParam("id") String id) {
        message(id);
        return log.source(id).orElseThrow(() -> notFound(id));
    }

    /** One operation for both kinds of body: two POSTs on one path break the server's OpenAPI document. */
    @POST
    @Consumes({MediaType.APPLICATION_JSON, "message/rfc822"})
    @Operation(summary = "Send a message over HTTP: the same acceptance, features and delivery as SMTP",
            description = "application/json: a message the relay composes (credential, from, to, cc, bcc, replyTo, "
                    + "subject, text, html, attachments with base64 content, headers, tags, features). "
                    + "message/rfc822: a raw MIME message, its envelope in the query (credential, from, to repeated).")
    @APIResponse(responseCode = "202", description = "Stored and queued; the id is the message log's")
    @APIResponse(responseCode = "404", description = "No such credential in the caller's account")
    @APIResponse(responseCode = "413", description = "A raw message larger than the relay's message size limit")
    @APIResponse(responseCode = "422", description = "The message cannot be sent as asked (the reason says why)")
    public Response send(InputStream body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                         @QueryParam("credential") String credential, @QueryParam("from") String from,
                         @QueryParam("to") List<String> to,
                         @HeaderParam(IDEMPOTENCY_KEY) @Parameter(description = "A retry with the same key within 24 "
                                 + "hours gets the first answer instead of sending again") String idempotencyKey)
            throws IOException {
        if (MediaType.APPLICATION_JSON_TYPE.isCompatible(MediaType.valueOf(contentType))) {
            return sending.send(body, idempotencyKey);
        }
        return sending.sendRaw(body, credential, from, to, idempotencyKey);
    }

    /** The message when the caller may see it: another account's message is 404, as if it did not exist. */
    private Message message(String id) {
        return log.find(id, caller.accountScope()).orElseThrow(() -> notFound(id));
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException("No message " + id);
    }

    private static MessageSearch search(Long account, String sender, String recipient, String subject, String id,
                                        Instant from, Instant to, String status, List<String> tags) {
        try {
            return new MessageSearch(account, sender, recipient, subject, id, from, to, status, TagParameters.parse(tags));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }
}
