package org.smtpeter.features.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.smtpeter.inlining.control.CssInliner;
import org.smtpeter.tracking.control.ClickTracking;
import org.smtpeter.tracking.control.OpenTracking;
import org.smtpeter.tracking.control.TrackingContext;

/**
 * The HTML features of one recipient's copy, in a fixed order:
 * <ol>
 *   <li>CSS inlining, first, so the styles of links and images are in place before their
 *       attributes are rewritten (and selectors such as {@code a[href^="https://shop"]} still see
 *       the original URLs);</li>
 *   <li>click tracking, before open tracking, so the pixel's link is never seen as a link;</li>
 *   <li>open tracking, last, so the pixel is appended to the final body.</li>
 * </ol>
 * Each step fails open: if it throws, its input goes on to the next step and the problem is
 * reported in the result. When no HTML feature is on, the message is returned without parsing.
 */
@ApplicationScoped
public class FeaturePipeline {

    private static final Logger LOG = Logger.getLogger(FeaturePipeline.class.getName());

    private HtmlParts htmlParts;
    private CssInliner cssInliner;
    private ClickTracking clickTracking;
    private OpenTracking openTracking;

    /** For CDI proxies. */
    protected FeaturePipeline() {
    }

    @Inject
    public FeaturePipeline(HtmlParts htmlParts, CssInliner cssInliner, ClickTracking clickTracking,
                           OpenTracking openTracking) {
        this.htmlParts = htmlParts;
        this.cssInliner = cssInliner;
        this.clickTracking = clickTracking;
        this.openTracking = openTracking;
    }

    /**
     * @param context this copy's tracking context; without one (a caller's bug) tracking is skipped
     *                and reported, the message still goes out
     */
    public Rewritten apply(byte[] message, AppliedFeatures features, TrackingContext context) {
        if (!features.changesHtml()) {
            return Rewritten.unchanged(message);
        }
        List<String> problems = new ArrayList<>();
        List<Step> steps = steps(features, context, problems);
        if (steps.isEmpty()) {
            return Rewritten.of(message, false, problems);
        }
        // HtmlParts calls the steps once per HTML part; their problems are collected here.
        Rewritten rewritten = htmlParts.rewrite(message, html -> runSteps(steps, html, problems));
        return rewritten.withProblemsFirst(problems);
    }

    private List<Step> steps(AppliedFeatures features, TrackingContext context, List<String> problems) {
        List<Step> steps = new ArrayList<>();
        if (features.inlineCss()) {
            steps.add(new Step("CSS inlining", cssInliner::inline));
        }
        if ((features.trackClicks() || features.trackOpens()) && context == null) {
            problems.add("tracking skipped: no tracking context");
            return steps;
        }
        if (features.trackClicks()) {
            boolean preventScam = features.preventScam();
            steps.add(new Step("click tracking", html -> clickTracking.rewriteLinks(html, context, preventScam)));
        }
        if (features.trackOpens()) {
            steps.add(new Step("open tracking", html -> openTracking.rewriteImages(html, context)));
        }
        return steps;
    }

    private static String runSteps(List<Step> steps, String html, List<String> problems) {
        String current = html;
        for (Step step : steps) {
            try {
                current = Objects.requireNonNull(step.rewrite().apply(current), "no HTML returned");
            } catch (RuntimeException | StackOverflowError e) {
                LOG.log(Level.WARNING, step.name() + " failed; that step was skipped for this part", e);
                problems.add(step.name() + " skipped: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            }
        }
        return current;
    }

    private record Step(String name, UnaryOperator<String> rewrite) {
    }
}
