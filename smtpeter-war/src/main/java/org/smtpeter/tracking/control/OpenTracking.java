package org.smtpeter.tracking.control;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.jsoup.select.Evaluator;
import org.jsoup.select.Selector;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Open tracking as SMTPeter does it: remote images are fetched through the tracking host
 * ({@code baseUrl + "/t/o/" + token}, the token carrying the original image URL), so any image
 * load counts as an open. Only when an HTML part has no remote image at all is a 1x1 pixel
 * appended at the end of its body. {@code cid:}, {@code data:} and relative images are left alone,
 * as are images already on the tracking host.
 *
 * <p>Positions are the 0-based order of all {@code <img>} elements; the pixel gets the next
 * position after the last image and an empty target.
 */
@ApplicationScoped
public class OpenTracking {

    /** Block display and zero border so the pixel adds no visible line or gap in any client. */
    /** Compiled once: jsoup compiles a query given as text again at every select. */
    private static final Evaluator IMAGES = Selector.evaluatorOf("img");

    static final String PIXEL_STYLE = "display:block;border:0;width:1px;height:1px";

    private TrackingTokens tokens;

    /** For CDI proxies. */
    protected OpenTracking() {
    }

    @Inject
    public OpenTracking(TrackingTokens tokens) {
        this.tokens = tokens;
    }

    /** The rewritten HTML, or the input itself when every remote image is already tracked. */
    public String rewriteImages(String html, TrackingContext context) {
        Document document = HtmlDocuments.parse(html);
        TrackingSlots slots = new TrackingSlots(context.baseUrl());
        return markImages(document, slots) ? slots.fill(HtmlDocuments.write(document), context, tokens) : html;
    }

    /**
     * Puts a placeholder of {@code slots} in place of each remote image's URL, or appends the
     * pixel with one, for the copies to be filled in later ({@link TrackingSlots#fill}).
     *
     * @return whether the document changed
     */
    public boolean markImages(Document document, TrackingSlots slots) {
        Elements images = document.select(IMAGES);
        boolean anyRemote = false;
        boolean changed = false;
        int position = 0;
        for (Element image : images) {
            int imagePosition = position++;
            String url = Urls.asBrowserSees(image.attr("src"));
            if (!Urls.isHttp(url)) {
                continue;
            }
            anyRemote = true;
            if (!Urls.pointsAt(url, slots.baseUrl())) {
                image.attr("src", slots.placeholder(TrackingKind.OPEN, imagePosition, url));
                changed = true;
            }
        }
        if (!anyRemote) {
            appendPixel(document, slots, images.size());
            changed = true;
        }
        return changed;
    }

    private static void appendPixel(Document document, TrackingSlots slots, int position) {
        document.body().appendElement("img")
                .attr("src", slots.placeholder(TrackingKind.OPEN, position, ""))
                .attr("width", "1")
                .attr("height", "1")
                .attr("alt", "")
                .attr("style", PIXEL_STYLE);
    }
}
