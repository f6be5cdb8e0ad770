package org.smtpeter.delivery.control;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.smtpeter.delivery.entity.Delivery;
import org.smtpeter.domains.control.DomainHosts;
import org.smtpeter.domains.control.OutgoingSignatures;
import org.smtpeter.domains.control.SenderHosts;
import org.smtpeter.features.control.AppliedFeatures;
import org.smtpeter.features.control.Content;
import org.smtpeter.features.control.FeatureHeaders;
import org.smtpeter.features.control.FeaturePipeline;
import org.smtpeter.messages.control.MessageBytes;
import org.smtpeter.features.control.PreparedMessage;
import org.smtpeter.features.control.Rewritten;
import org.smtpeter.messages.entity.Message;
import org.smtpeter.tracking.control.TrackingContext;
import org.smtpeter.tracking.control.TrackingHosts;
import org.smtpeter.unsubscribe.control.UnsubscribeLinks;

/**
 * Turns a stored message into the bytes that leave: the features applied to its HTML (one copy
 * per recipient when tracking, since each copy carries its recipient's tokens), a
 * {@code Received:} header recording the submission, {@code Message-ID} and {@code Date} when the
 * client left them out, the recipient's {@code List-Unsubscribe} and {@code List-Unsubscribe-Post}
 * when one-click unsubscribe is on, every {@code x-smtpeter-*} header removed, and, last, the DKIM signatures
 * of the sender's domain on top. Without features the body goes out exactly as received. Links and
 * VERP envelope senders are on the hosts of the sender domain that covers the From domain, once
 * its DNS is ready ({@link SenderHosts}), else on the relay's.
 */
@ApplicationScoped
public class OutgoingMessages {

    private static final Logger LOG = Logger.getLogger(OutgoingMessages.class.getName());

    @Inject
    FeaturePipeline features;

    @Inject
    BounceAddresses bounceAddresses;

    @Inject
    OutgoingSignatures signatures;

    @Inject
    UnsubscribeLinks unsubscribeLinks;

    @Inject
    SenderHosts senderHosts;

    @Inject
    TrackingHosts trackingHosts;

    static final DateTimeFormatter RFC_5322_DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    @Inject
    DeliverySettings settings;

    /**
     * A header section is read up to here; a message whose header section is longer (no client
     * writes one) goes out with the rest counted as body, unchanged.
     */
    private static final int HEADER_LIMIT = 1024 * 1024;

    /**
     * The parcels for these deliveries of one message; the message notes any processing problem.
     * Recipients share one parcel (one SMTP transaction) unless their copies differ: tracking
     * tokens, unsubscribe links and VERP envelope senders are per recipient. The features run once for all of them;
     * a tracked copy only fills in its recipient's tokens.
     */
    public List<Parcel> parcels(Message message, MessageBytes raw, List<Delivery> deliveries) {
        AppliedFeatures applied = AppliedFeatures.fromProperties(message.getFeatures(), message.getTags());
        Hosts hosts = hosts(message, raw);
        PreparedMessage prepared = features.prepare(raw, applied, hosts.trackingBaseUrl());
        prepared.problem().ifPresent(problem -> report(message, problem));
        List<Parcel> parcels = new ArrayList<>();
        for (Delivery delivery : deliveries) {
            Content content = prepared.isSameForEveryCopy() ? prepared.copyFor(null).content()
                    : copyFor(message, prepared, hosts, delivery, parcels.isEmpty());
            String sender = delivery.getBounceToken() == null ? message.getReversePath()
                    : bounceAddresses.address(delivery.getBounceToken(), hosts.bounceHost());
            Parcel last = parcels.isEmpty() ? null : parcels.get(parcels.size() - 1);
            if (last != null && last.sender().equals(sender) && last.source() == content && !applied.unsubscribe()) {
                parcels.set(parcels.size() - 1, last.with(delivery));
            } else {
                parcels.add(parcel(message, sender, content, hosts, delivery, applied.unsubscribe()));
            }
        }
        return parcels;
    }

    /** Where a message's links point and its VERP senders are: the same for every copy, as From is. */
    record Hosts(String trackingBaseUrl, String bounceHost) {
    }

    private Hosts hosts(Message message, MessageBytes raw) {
        DomainHosts domain = message.getAccount() == null ? DomainHosts.RELAYS : senderHosts.of(message.getAccount().getId(),
                HeaderBlock.readFrom(Content.of(raw), HEADER_LIMIT).toBytes(List.of(), List.of()));
        return new Hosts(trackingHosts.baseUrl(domain.trackingHost()), domain.bounceHost().orElse(bounceAddresses.domain()));
    }

    private Parcel parcel(Message message, String sender, Content content, Hosts hosts, Delivery delivery,
                          boolean unsubscribe) {
        return new Parcel(message.getPublicId(), sender,
                List.of(new Parcel.Addressee(delivery.getId(), delivery.getRecipient())),
                prepare(message, content, hosts, unsubscribe ? delivery : null), content);
    }

    /** A tracked copy; what goes wrong in one copy goes wrong in all, so only the first reports it. */
    private Content copyFor(Message message, PreparedMessage prepared, Hosts hosts, Delivery delivery, boolean first) {
        Rewritten copy = prepared.copyFor(
                new TrackingContext(hosts.trackingBaseUrl(), message.getPublicId(), delivery.getRecipient()));
        if (first) {
            copy.problem().filter(problem -> prepared.problem().map(all -> !all.equals(problem)).orElse(true))
                    .ifPresent(problem -> report(message, problem));
        }
        return copy.content();
    }

    /** Fails open: whatever the features cannot do, the message still goes out, and says why. */
    private static void report(Message message, String problem) {
        LOG.warning(() -> "message " + message.getPublicId() + ": " + problem);
        message.noteProcessing(problem);
    }

    /**
     * The header fields as they leave, then the body as it is; only the header section is read into
     * memory. Signed last, over exactly these bytes: each copy's body is hashed once as it streams by.
     *
     * @param unsubscribing the recipient's delivery when its copy gets unsubscribe headers, else null
     */
    Content prepare(Message message, Content content, Hosts hosts, Delivery unsubscribing) {
        HeaderBlock headers = HeaderBlock.readFrom(content, HEADER_LIMIT).without(FeatureHeaders::isSmtpeterHeader);
        List<String> append = new ArrayList<>();
        if (!headers.has("message-id")) {
            append.add("Message-ID: <" + message.getPublicId() + "@" + settings.hostName() + ">");
        }
        if (!headers.has("date")) {
            append.add("Date: " + RFC_5322_DATE.format(message.getReceivedAt()));
        }
        if (unsubscribing != null) {
            String mailto = unsubscribing.getBounceToken() == null ? null
                    : bounceAddresses.unsubscribeAddress(unsubscribing.getBounceToken(), hosts.bounceHost());
            append.addAll(unsubscribeLinks.headers(headers.has("list-unsubscribe"), hosts.trackingBaseUrl(), message.getPublicId(),
                    unsubscribing.getRecipient(), mailto));
        }
        Content body = content.from(headers.bodyOffset());
        byte[] head = headers.toBytes(List.of(received(message)), append);
        Long account = message.getAccount() == null ? null : message.getAccount().getId();
        return body.after(head).after(signatures.signatures(account, head, body::writeTo));
    }

    /** RFC 5321 4.4 with RFC 3848 protocol names; the password is of course never part of it. */
    String received(Message message) {
        boolean tls = message.getTlsProtocol() != null;
        boolean authenticated = message.getCredentialUsername() != null;
        boolean jms = "jms".equals(message.getListenerRole());
        String protocol = jms ? "JMS" : "ESMTP" + (tls ? "S" : "") + (authenticated ? "A" : "");
        StringBuilder header = new StringBuilder("Received: ");
        if (jms) {
            // No remote host to name: the queue it came from says where it entered.
            header.append("from queue ").append(sanitize(message.getClientAddress())).append("\r\n\tby ");
        } else {
            header.append("from ").append(message.getClientHelo() == null ? "unknown" : sanitize(message.getClientHelo()))
                    .append(" ([").append(message.getClientAddress()).append("])\r\n\tby ");
        }
        header.append(settings.hostName()).append(" (SMTPeter relay) with ").append(protocol);
        if (tls) {
            header.append("\r\n\t(").append(message.getTlsProtocol()).append(' ').append(message.getTlsCipher()).append(')');
        }
        if (authenticated) {
            header.append("\r\n\t(authenticated as ").append(message.getCredentialUsername()).append(')');
        }
        return header.append("\r\n\tid ").append(message.getPublicId()).append(";\r\n\t")
                .append(RFC_5322_DATE.format(message.getReceivedAt())).toString();
    }

    /** The HELO name is the client's word: keep it to characters that cannot break the header. */
    private static String sanitize(String name) {
        return name.replaceAll("[^A-Za-z0-9.\\-\\[\\]:_]", "?");
    }
}
