package org.smtpeter.intake.boundary;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import jakarta.ejb.EJBException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.Response;

import org.smtpeter.intake.control.ApiIntake;
import org.smtpeter.intake.control.ApiSubmission;
import org.smtpeter.intake.control.ApiUploads;
import org.smtpeter.intake.control.JmsSubmission;
import org.smtpeter.intake.control.JmsSubmissionSettings;
import org.smtpeter.intake.control.MessageComposer;
import org.smtpeter.intake.control.SendRequest;
import org.smtpeter.platform.boundary.Caller;

/**
 * Sending over HTTP ({@code POST /api/v1/messages}, whose resource is the message log's): the same
 * acceptance, limits, features and delivery as SMTP, as JSON the relay composes or as a raw MIME
 * message. {@code 202} means the message is stored, as {@code 250} after DATA does.
 */
@RequestScoped
public class MessageSending {

    private static final Jsonb JSONB = JsonbBuilder.create();

    @Inject
    Caller caller;

    @Inject
    MessageComposer composer;

    @Inject
    ApiIntake intake;

    @Inject
    JmsSubmissionSettings limits;

    @Inject
    ApiUploads uploads;

    @Inject
    HttpServletRequest request;

    /** What the API answers: the message id, as in the SMTP reply, and the envelope's recipients. */
    public record Queued(String id, List<String> recipients, boolean replayed) {
    }

    /**
     * A message in JSON; its attachments in base64 make it up to a third larger than the message.
     *
     * @param idempotencyKey null, or a key whose first answer a retry gets
     */
    public Response send(InputStream body, String idempotencyKey) throws IOException {
        long limit = limits.maxMessageSize() * 2;
        try (ApiUploads.Share share = reserve(limit)) {
            byte[] json = readAtMost(body, limit);
            SendRequest parsed;
            try {
                parsed = JSONB.fromJson(new String(json, StandardCharsets.UTF_8), SendRequest.class);
            } catch (JsonbException e) {
                throw new BadRequestException("The request body is not a message in JSON: " + e.getMessage());
            }
            return accept(() -> composer.compose(parsed, limits.maxMessageSize(), limits.maxRecipients()),
                    idempotencyKey, ApiSubmission.fingerprint(json));
        }
    }

    public Response sendRaw(InputStream message, String credential, String from, List<String> to, String idempotencyKey)
            throws IOException {
        try (ApiUploads.Share share = reserve(limits.maxMessageSize())) {
            byte[] raw = readAtMost(message, limits.maxMessageSize());
            return accept(() -> ApiSubmission.of(credential, from, to, raw, limits.maxMessageSize(),
                    limits.maxRecipients()), idempotencyKey, ApiSubmission.fingerprint(raw, credential, from,
                    String.join(",", to)));
        }
    }

    /** The request's declared length (or the limit, when it declares none) out of the budget, or 503. */
    private ApiUploads.Share reserve(long limit) {
        long declared = request.getContentLengthLong();
        ApiUploads.Share share = uploads.tryReserve(declared >= 0 ? Math.min(declared, limit + 1) : limit);
        if (share == null) {
            throw new ServiceUnavailableException("Too many large messages are being sent over HTTP at once; "
                    + "try again shortly", 5L);
        }
        return share;
    }

    private static byte[] readAtMost(InputStream body, long limit) throws IOException {
        byte[] read = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        if (read.length > limit) {
            // Read to the end, so that the client, still sending, gets the answer rather than a reset.
            body.transferTo(OutputStream.nullOutputStream());
            throw new ClientErrorException("The request is larger than the limit of " + limit + " octets",
                    Response.Status.REQUEST_ENTITY_TOO_LARGE);
        }
        return read;
    }

    private interface Composition {
        ApiSubmission submission() throws JmsSubmission.Rejected;
    }

    private Response accept(Composition composition, String idempotencyKey, String fingerprint) {
        String key = idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey.strip();
        if (key != null && key.length() > 255) {
            throw new BadRequestException("The Idempotency-Key is longer than 255 characters");
        }
        try {
            ApiSubmission submission = composition.submission();
            ApiIntake.Accepted accepted = acceptOnce(submission, key, fingerprint)
                    .orElseThrow(() -> new NotFoundException("No credential " + submission.credential()));
            return Response.accepted(new Queued(accepted.messageId(), accepted.recipients(), accepted.replayed()))
                    .location(URI.create("messages/" + accepted.messageId())).build();
        } catch (JmsSubmission.Rejected | ApiIntake.KeyReused refused) {
            throw new ClientErrorException(refused.getMessage(), 422);
        }
    }

    /**
     * Two requests with the same key at once: the second one's insert of the key fails at commit,
     * after the first committed, so asking again finds the first answer.
     */
    private Optional<ApiIntake.Accepted> acceptOnce(ApiSubmission submission, String key, String fingerprint)
            throws JmsSubmission.Rejected, ApiIntake.KeyReused {
        try {
            return intake.accept(caller.accountScope(), submission, request.getRemoteAddr(), key, fingerprint);
        } catch (EJBException concurrentSameKey) {
            if (key == null) {
                throw concurrentSameKey;
            }
            return intake.accept(caller.accountScope(), submission, request.getRemoteAddr(), key, fingerprint);
        }
    }
}
