package org.smtpeter.delivery.control;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.smtpeter.messages.entity.Message;

/**
 * Turns a stored message into the bytes that leave: a {@code Received:} header recording the
 * submission, {@code Message-ID} and {@code Date} when the client left them out, and every
 * {@code x-smtpeter-*} header removed. The body goes out exactly as received.
 */
@ApplicationScoped
public class OutgoingMessages {

    static final DateTimeFormatter RFC_5322_DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    @Inject
    DeliverySettings settings;

    public byte[] prepare(Message message, byte[] raw) {
        HeaderBlock headers = HeaderBlock.parse(raw).without(OutgoingMessages::isSmtpeterHeader);
        List<String> append = new ArrayList<>();
        if (!headers.has("message-id")) {
            append.add("Message-ID: <" + message.getPublicId() + "@" + settings.hostName() + ">");
        }
        if (!headers.has("date")) {
            append.add("Date: " + RFC_5322_DATE.format(message.getReceivedAt()));
        }
        return headers.toBytes(raw, List.of(received(message)), append);
    }

    /** Per-message feature switches are for this relay only; they never leave it (any case). */
    static boolean isSmtpeterHeader(String name) {
        return name.toLowerCase(Locale.ROOT).startsWith("x-smtpeter-");
    }

    /** RFC 5321 4.4 with RFC 3848 protocol names; the password is of course never part of it. */
    String received(Message message) {
        boolean tls = message.getTlsProtocol() != null;
        boolean authenticated = message.getCredential() != null;
        String protocol = "ESMTP" + (tls ? "S" : "") + (authenticated ? "A" : "");
        StringBuilder header = new StringBuilder("Received: from ")
                .append(message.getClientHelo() == null ? "unknown" : sanitize(message.getClientHelo()))
                .append(" ([").append(message.getClientAddress()).append("])\r\n\tby ")
                .append(settings.hostName()).append(" (SMTPeter relay) with ").append(protocol);
        if (tls) {
            header.append("\r\n\t(").append(message.getTlsProtocol()).append(' ').append(message.getTlsCipher()).append(')');
        }
        if (authenticated) {
            header.append("\r\n\t(authenticated as ").append(message.getCredential().getUsername()).append(')');
        }
        return header.append("\r\n\tid ").append(message.getPublicId()).append(";\r\n\t")
                .append(RFC_5322_DATE.format(message.getReceivedAt())).toString();
    }

    /** The HELO name is the client's word: keep it to characters that cannot break the header. */
    private static String sanitize(String helo) {
        return helo.replaceAll("[^A-Za-z0-9.\\-\\[\\]:_]", "?");
    }
}
