package org.smtpeter.unsubscribe.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.smtpeter.tracking.control.TrackedLink;
import org.smtpeter.tracking.control.TrackingKind;
import org.smtpeter.tracking.control.TrackingTokens;

/**
 * The RFC 8058 headers of one recipient's copy, and reading their links back. The link carries a
 * signed tracking token of its own kind ({@link TrackingKind#UNSUBSCRIBE}), so it names the message
 * and recipient without anything stored, and a click or open token cannot be used to unsubscribe.
 *
 * <p>A message that has its own {@code List-Unsubscribe} keeps it and gets nothing added: not even
 * {@code List-Unsubscribe-Post}, which would promise mailbox providers that the customer's URI
 * takes a one-click POST, something only the customer knows.
 */
@ApplicationScoped
public class UnsubscribeLinks {

    public static final String POST_HEADER = "List-Unsubscribe-Post: List-Unsubscribe=One-Click";

    private TrackingTokens tokens;

    /** For CDI proxies. */
    protected UnsubscribeLinks() {
    }

    @Inject
    public UnsubscribeLinks(TrackingTokens tokens) {
        this.tokens = tokens;
    }

    /**
     * The https (or, in development, http) link of one copy: {@code <tracking base URL>/u/<token>}.
     *
     * @param baseUrl the relay's tracking base URL or the sender domain's ({@code TrackingHosts})
     */
    public String url(String baseUrl, String messageId, String recipient) {
        return baseUrl.replaceAll("/+$", "") + "/u/" + tokens.sign(new TrackedLink(TrackingKind.UNSUBSCRIBE, messageId, recipient, 0, ""));
    }

    /** The message and recipient of a genuine unsubscribe token; empty for anything else. */
    public Optional<TrackedLink> verify(String token) {
        return tokens.verify(token).filter(link -> link.kind() == TrackingKind.UNSUBSCRIBE);
    }

    /**
     * The header fields to add to one copy, each without its line end; none when the message has
     * its own {@code List-Unsubscribe}.
     *
     * @param baseUrl the tracking base URL of the copy's links
     * @param mailto  the mailto address on the bounce host, or null for the link alone
     */
    public List<String> headers(boolean hasOwnListUnsubscribe, String baseUrl, String messageId, String recipient,
                                String mailto) {
        if (hasOwnListUnsubscribe) {
            return List.of();
        }
        List<String> headers = new ArrayList<>(2);
        String value = "<" + url(baseUrl, messageId, recipient) + ">"
                + (mailto == null ? "" : ",\r\n <mailto:" + mailto.toLowerCase(Locale.ROOT) + "?subject=unsubscribe>");
        headers.add("List-Unsubscribe: " + value);
        headers.add(POST_HEADER);
        return headers;
    }
}
