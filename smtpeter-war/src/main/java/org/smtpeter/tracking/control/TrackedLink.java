package org.smtpeter.tracking.control;

import java.util.Objects;

/**
 * What a tracking token carries: which copy of which message (public message id and recipient),
 * the link's or image's position in that copy's HTML, and where to go: the exact original URL
 * as the browser would have seen it. An empty target is the open-tracking pixel.
 */
public record TrackedLink(TrackingKind kind, String messageId, String recipient, int position, String target) {

    public TrackedLink {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(target, "target");
        if (position < 0) {
            throw new IllegalArgumentException("position must not be negative: " + position);
        }
    }

    /** The open-tracking pixel has nothing to redirect to. */
    public boolean isPixel() {
        return target.isEmpty();
    }
}
