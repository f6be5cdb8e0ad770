package org.smtpeter.tracking.control;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The tracked links and images of one message, written once into its HTML as placeholders and
 * filled in for each recipient. Parsing, inlining and serialising the HTML then happen once per
 * message, and each recipient's copy costs a token signature per link and a string copy.
 *
 * <p>A placeholder is {@code smtpeter-slot-<nonce>-<index>.}, letters, digits and dashes only, so
 * HTML serialisation writes it unchanged; the nonce is random per message, so no text of the
 * message can be taken for one. A filled-in URL is escaped the way the serialiser escapes
 * attribute values.
 */
public final class TrackingSlots {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String baseUrl;
    private final String marker;
    private final List<Slot> slots = new ArrayList<>();

    /** @param baseUrl the tracking host's public base URL, the same for every copy */
    public TrackingSlots(String baseUrl) {
        // Normalised and checked as every copy's context does it, so that the two compare equal.
        this.baseUrl = new TrackingContext(baseUrl, "-", "-").baseUrl();
        byte[] nonce = new byte[8];
        RANDOM.nextBytes(nonce);
        this.marker = "smtpeter-slot-" + HexFormat.of().formatHex(nonce) + "-";
    }

    String baseUrl() {
        return baseUrl;
    }

    /** A placeholder for the tracked URL of this link or image, to be written where the URL goes. */
    String placeholder(TrackingKind kind, int position, String target) {
        slots.add(new Slot(kind, position, target));
        return marker + (slots.size() - 1) + ".";
    }

    public boolean isEmpty() {
        return slots.isEmpty();
    }

    /** The HTML of one recipient's copy: every placeholder replaced by its signed tracking URL. */
    public String fill(String html, TrackingContext context, TrackingTokens tokens) {
        if (!context.baseUrl().equals(baseUrl)) {
            throw new IllegalArgumentException("copy for " + context.baseUrl() + ", slots for " + baseUrl);
        }
        // The URLs first, so that the copy is written into a buffer of its final size: growing
        // one was 4 % of all the relay allocated in the throughput profile.
        List<String> urls = new ArrayList<>(slots.size());
        int length = html.length();
        for (Slot slot : slots) {
            String url = escapeAttribute(slot.url(context, tokens));
            urls.add(url);
            length += url.length();
        }
        StringBuilder filled = new StringBuilder(length);
        int from = 0;
        int found;
        while ((found = html.indexOf(marker, from)) >= 0) {
            int indexStart = found + marker.length();
            int indexEnd = html.indexOf('.', indexStart);
            filled.append(html, from, found);
            filled.append(urls.get(Integer.parseInt(html, indexStart, indexEnd, 10)));
            from = indexEnd + 1;
        }
        return filled.append(html, from, html.length()).toString();
    }

    /** As jsoup escapes a double-quoted attribute value; base64url tokens need none of it. */
    private static String escapeAttribute(String url) {
        if (url.indexOf('&') < 0 && url.indexOf('"') < 0) {
            return url;
        }
        return url.replace("&", "&amp;").replace("\"", "&quot;");
    }

    private record Slot(TrackingKind kind, int position, String target) {
        Slot {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(target, "target");
        }

        String url(TrackingContext context, TrackingTokens tokens) {
            String token = tokens.sign(new TrackedLink(kind, context.messageId(), context.recipient(), position, target));
            return kind == TrackingKind.CLICK ? context.clickUrl(token) : context.openUrl(token);
        }
    }
}
