package org.smtpeter.features.control;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;

import org.jsoup.nodes.Document;
import org.smtpeter.inlining.control.CssInliner;
import org.smtpeter.tracking.control.ClickTracking;
import org.smtpeter.tracking.control.HtmlDocuments;
import org.smtpeter.tracking.control.OpenTracking;
import org.smtpeter.tracking.control.TrackingContext;
import org.smtpeter.tracking.control.TrackingSlots;
import org.smtpeter.tracking.control.TrackingTokens;
import org.smtpeter.messages.control.MessageBytes;

/**
 * The HTML features of a message, in a fixed order:
 * <ol>
 *   <li>CSS inlining, first, so the styles of links and images are in place before their
 *       attributes are rewritten (and selectors such as {@code a[href^="https://shop"]} still see
 *       the original URLs);</li>
 *   <li>click tracking, before open tracking, so the pixel's link is never seen as a link;</li>
 *   <li>open tracking, last, so the pixel is appended to the final body.</li>
 * </ol>
 * Each HTML part is parsed once and written once, whatever the number of recipients: the steps
 * work on one document, tracked URLs are placeholders, and each recipient's copy only fills in
 * its tokens ({@link PreparedMessage}). Each step fails open: if it throws, the part is done again
 * from its original HTML without that step, and the problem is reported. When no HTML feature is
 * on, the message is not parsed at all.
 */
@ApplicationScoped
public class FeaturePipeline {

    private static final Logger LOG = Logger.getLogger(FeaturePipeline.class.getName());

    private HtmlParts htmlParts;
    private CssInliner cssInliner;
    private ClickTracking clickTracking;
    private OpenTracking openTracking;
    private TrackingTokens tokens;

    /** For CDI proxies. */
    protected FeaturePipeline() {
    }

    @Inject
    public FeaturePipeline(HtmlParts htmlParts, CssInliner cssInliner, ClickTracking clickTracking,
                           OpenTracking openTracking, TrackingTokens tokens) {
        this.htmlParts = htmlParts;
        this.cssInliner = cssInliner;
        this.clickTracking = clickTracking;
        this.openTracking = openTracking;
        this.tokens = tokens;
    }

    /**
     * One copy, for one recipient.
     *
     * @param context this copy's tracking context; without one (a caller's bug) tracking is skipped
     *                and reported, the message still goes out
     */
    public Rewritten apply(byte[] message, AppliedFeatures features, TrackingContext context) {
        PreparedMessage prepared = prepare(message, features, context == null ? null : context.baseUrl());
        return prepared.copyFor(context);
    }

    /**
     * The features applied once, for as many copies as there are recipients.
     *
     * @param trackingBaseUrl the tracking host; without one, tracking is skipped and reported
     */
    public PreparedMessage prepare(byte[] message, AppliedFeatures features, String trackingBaseUrl) {
        return prepare(MessageBytes.of(message), features, trackingBaseUrl);
    }

    /** The same for a message wherever it lies (a large one in a file). */
    public PreparedMessage prepare(MessageBytes message, AppliedFeatures features, String trackingBaseUrl) {
        if (!features.changesHtml()) {
            return PreparedMessage.unchanged(message, List.of());
        }
        List<String> problems = new ArrayList<>();
        List<Step> steps = steps(features, trackingBaseUrl, problems);
        if (steps.isEmpty()) {
            return PreparedMessage.unchanged(message, problems);
        }
        List<HtmlPartText> parts;
        try {
            parts = htmlParts.read(message, problems);
        } catch (MessagingException | IOException | RuntimeException unparseable) {
            return PreparedMessage.unchanged(message, List.of(HtmlParts.unparseable(unparseable)));
        }
        List<PreparedMessage.RewrittenPart> rewritten = new ArrayList<>();
        for (HtmlPartText part : parts) {
            PreparedMessage.RewrittenPart done = rewrite(part, steps, trackingBaseUrl, problems);
            if (done != null) {
                rewritten.add(done);
            }
        }
        return PreparedMessage.of(message, rewritten, problems, tokens);
    }

    private List<Step> steps(AppliedFeatures features, String trackingBaseUrl, List<String> problems) {
        List<Step> steps = new ArrayList<>();
        if (features.inlineCss()) {
            steps.add(new Step("CSS inlining", (document, slots) -> cssInliner.inline(document)));
        }
        if ((features.trackClicks() || features.trackOpens()) && trackingBaseUrl == null) {
            problems.add("tracking skipped: no tracking context");
            return steps;
        }
        if (features.trackClicks()) {
            boolean preventScam = features.preventScam();
            steps.add(new Step("click tracking", (document, slots) -> clickTracking.markLinks(document, slots, preventScam)));
        }
        if (features.trackOpens()) {
            steps.add(new Step("open tracking", openTracking::markImages));
        }
        return steps;
    }

    /**
     * Runs the steps on one part's document. A step that throws may have changed the document
     * half-way, so the part starts again from its original HTML without it.
     *
     * @return the part's new HTML, or null when no step changed it
     */
    private PreparedMessage.RewrittenPart rewrite(HtmlPartText part, List<Step> steps, String trackingBaseUrl,
                                                  List<String> problems) {
        Set<Step> skipped = new HashSet<>();
        while (true) {
            Document document = HtmlDocuments.parse(part.html());
            TrackingSlots slots = trackingBaseUrl == null ? null : new TrackingSlots(trackingBaseUrl);
            boolean changed = false;
            Step failed = null;
            for (Step step : steps) {
                if (skipped.contains(step)) {
                    continue;
                }
                try {
                    changed |= step.rewrite().apply(document, slots);
                } catch (RuntimeException | StackOverflowError e) {
                    LOG.log(Level.WARNING, step.name() + " failed; that step was skipped for this part", e);
                    problems.add(step.name() + " skipped: "
                            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
                    failed = step;
                    break;
                }
            }
            if (failed == null) {
                return changed ? new PreparedMessage.RewrittenPart(part, HtmlDocuments.write(document), slots) : null;
            }
            skipped.add(failed);
        }
    }

    /** One feature, changing a document in place; true when it changed anything. */
    @FunctionalInterface
    private interface DocumentRewrite {
        boolean apply(Document document, TrackingSlots slots);
    }

    private record Step(String name, DocumentRewrite rewrite) {
    }
}
