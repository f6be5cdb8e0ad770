package org.smtpeter.features.control;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.mail.MessagingException;

import org.smtpeter.tracking.control.TrackingContext;
import org.smtpeter.tracking.control.TrackingSlots;
import org.smtpeter.tracking.control.TrackingTokens;
import org.smtpeter.messages.control.MessageBytes;

/**
 * A message with its HTML features applied once, ready to be copied for each recipient: the
 * parts that need no per-recipient tokens are spliced in already, the tracked parts are kept as
 * HTML with placeholders ({@link TrackingSlots}) that each copy fills with its own tokens before
 * the part is encoded again. Copying never parses HTML.
 */
public final class PreparedMessage {

    private final MessageBytes message;
    private final List<Splice> fixed;
    private final List<TrackedPart> tracked;
    private final List<String> problems;
    private final TrackingTokens tokens;
    /** The copy every recipient gets when nothing depends on the recipient. */
    private final Rewritten shared;

    private PreparedMessage(MessageBytes message, List<Splice> fixed, List<TrackedPart> tracked, List<String> problems,
                            TrackingTokens tokens) {
        this.message = message;
        this.fixed = List.copyOf(fixed);
        this.tracked = List.copyOf(tracked);
        this.problems = List.copyOf(problems);
        this.tokens = tokens;
        this.shared = tracked.isEmpty() ? splice(this.fixed, this.problems) : null;
    }

    /** The message as it came, for every copy. */
    static PreparedMessage unchanged(MessageBytes message, List<String> problems) {
        return new PreparedMessage(message, List.of(), List.of(), problems, null);
    }

    /**
     * @param parts    each HTML part with its rewritten HTML; parts that did not change are left out
     * @param problems what could not be done, reported with every copy
     */
    static PreparedMessage of(MessageBytes message, List<RewrittenPart> parts, List<String> problems, TrackingTokens tokens) {
        List<Splice> fixed = new ArrayList<>();
        List<TrackedPart> tracked = new ArrayList<>();
        List<String> all = new ArrayList<>(problems);
        for (RewrittenPart part : parts) {
            if (part.slots() != null && !part.slots().isEmpty()) {
                tracked.add(new TrackedPart(part.text(), part.html(), part.slots()));
                continue;
            }
            try {
                fixed.add(part.text().replaceWith(part.html()));
            } catch (MessagingException | IOException | RuntimeException e) {
                all.add(HtmlParts.leftAsItWas(e));
            }
        }
        return new PreparedMessage(message, fixed, tracked, all, tokens);
    }

    /** Whether every recipient gets the same bytes, so that they can share one transaction. */
    public boolean isSameForEveryCopy() {
        return shared != null;
    }

    /** What could not be done for every copy, if anything. */
    public Optional<String> problem() {
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    /**
     * One recipient's copy. When {@link #isSameForEveryCopy()}, every call returns the very same
     * result, and {@code context} may be null.
     */
    public Rewritten copyFor(TrackingContext context) {
        if (shared != null) {
            return shared;
        }
        if (context == null) {
            throw new IllegalArgumentException("a tracked copy needs its recipient's tracking context");
        }
        List<Splice> splices = new ArrayList<>(fixed);
        List<String> copyProblems = new ArrayList<>(problems);
        for (TrackedPart part : tracked) {
            try {
                splices.add(part.text().replaceWith(part.slots().fill(part.html(), context, tokens)));
            } catch (MessagingException | IOException | RuntimeException e) {
                copyProblems.add(HtmlParts.leftAsItWas(e));
            }
        }
        return splice(splices, copyProblems);
    }

    private Rewritten splice(List<Splice> splices, List<String> problems) {
        if (splices.isEmpty()) {
            return Rewritten.of(Content.of(message), false, problems);
        }
        return Rewritten.of(Content.spliced(message, splices), true, problems);
    }

    /**
     * One HTML part after the features: its new HTML and, when tracked, the slots in it.
     *
     * @param slots null or empty when the part has no tracked links or images
     */
    record RewrittenPart(HtmlPartText text, String html, TrackingSlots slots) {
    }

    private record TrackedPart(HtmlPartText text, String html, TrackingSlots slots) {
    }
}
