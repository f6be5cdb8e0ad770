package org.smtpeter.messages.boundary;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.smtpeter.messages.control.MessageLog;
import org.smtpeter.messages.entity.EnvelopeRecipient;
import org.smtpeter.messages.entity.Message;
import org.smtpeter.rest.boundary.Paging;

/** Accepted messages: envelope, how they arrived, and the raw source exactly as received. */
@Path("messages")
@Produces(MediaType.APPLICATION_JSON)
public class MessagesResource {

    @Inject
    MessageLog log;

    public record RecipientView(String address, String notifyConditions, String originalRecipient) {
        static RecipientView of(EnvelopeRecipient recipient) {
            return new RecipientView(recipient.getAddress(), recipient.getNotifyConditions(),
                    recipient.getOriginalRecipient());
        }
    }

    public record MessageView(String id, Instant receivedAt, String account, String credential, long size,
                              String listener, String clientAddress, String clientHelo, String tlsProtocol,
                              String tlsCipher, String sender, String body, boolean smtpUtf8, String ret,
                              String envid, List<RecipientView> recipients, String features, List<String> tags,
                              String processingNote) {
        static MessageView of(Message m) {
            return new MessageView(m.getPublicId(), m.getReceivedAt(),
                    m.getAccount() == null ? null : m.getAccount().getName(),
                    m.getCredential() == null ? null : m.getCredential().getUsername(),
                    m.getSize(), m.getListenerRole(), m.getClientAddress(), m.getClientHelo(), m.getTlsProtocol(),
                    m.getTlsCipher(), m.getReversePath(), m.getBody(), m.isSmtpUtf8(), m.getRet(), m.getEnvelopeId(),
                    m.getRecipients().stream().map(RecipientView::of).toList(), m.getFeatures(), m.getTags(),
                    m.getProcessingNote());
        }
    }

    @GET
    public List<MessageView> list(@QueryParam("sender") String sender,
                                  @QueryParam("offset") @DefaultValue("0") int offset,
                                  @QueryParam("limit") @DefaultValue("50") int limit) {
        Paging paging = Paging.of(offset, limit);
        return log.list(sender, paging.offset(), paging.limit()).stream().map(MessageView::of).toList();
    }

    @GET
    @Path("{id}")
    public MessageView get(@PathParam("id") String id) {
        return log.find(id).map(MessageView::of).orElseThrow(() -> new NotFoundException("No message " + id));
    }

    /** The source as received; message/rfc822 so that a browser offers it as a download. */
    @GET
    @Path("{id}/raw")
    @Produces("message/rfc822")
    public byte[] raw(@PathParam("id") String id) {
        return log.source(id).orElseThrow(() -> new NotFoundException("No message " + id));
    }
}
