package org.smtpeter.tracking.control;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
import org.jsoup.select.Selector;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Rewrites the http and https links of one recipient's HTML to the click-tracking endpoint
 * ({@code baseUrl + "/t/c/" + token}). The token carries the link's position (0-based order of
 * all {@code <a href>} and {@code <area href>} elements in the document, rewritten or not), so the
 * same URL twice is two links. Left alone: other schemes ({@code mailto:}, {@code tel:}, ...),
 * fragment-only and relative links, links already on the tracking host, and with preventscam
 * {@code <a>} links whose visible text looks like a URL ({@link UrlLikeLabel}).
 */
@ApplicationScoped
public class ClickTracking {

    /** Compiled once: jsoup compiles a query given as text again at every select. */
    private static final Evaluator LINKS = Selector.evaluatorOf("a[href], area[href]");

    private TrackingTokens tokens;

    /** For CDI proxies. */
    protected ClickTracking() {
    }

    @Inject
    public ClickTracking(TrackingTokens tokens) {
        this.tokens = tokens;
    }

    /** The rewritten HTML, or the input itself when no link needed rewriting. */
    public String rewriteLinks(String html, TrackingContext context, boolean preventScam) {
        Document document = HtmlDocuments.parse(html);
        TrackingSlots slots = new TrackingSlots(context.baseUrl());
        return markLinks(document, slots, preventScam)
                ? slots.fill(HtmlDocuments.write(document), context, tokens) : html;
    }

    /**
     * Puts a placeholder of {@code slots} in place of each link to be tracked, for the copies to be
     * filled in later ({@link TrackingSlots#fill}).
     *
     * @return whether any link was marked
     */
    public boolean markLinks(Document document, TrackingSlots slots, boolean preventScam) {
        boolean changed = false;
        int position = 0;
        for (Element link : document.select(LINKS)) {
            int linkPosition = position++;
            String url = Urls.asBrowserSees(link.attr("href"));
            if (!Urls.isHttp(url) || Urls.pointsAt(url, slots.baseUrl())) {
                continue;
            }
            if (preventScam && link.normalName().equals("a") && UrlLikeLabel.matches(link.text())) {
                continue;
            }
            link.attr("href", slots.placeholder(TrackingKind.CLICK, linkPosition, url));
            changed = true;
        }
        return changed;
    }
}
