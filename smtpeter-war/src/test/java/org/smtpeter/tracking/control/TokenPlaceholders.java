package org.smtpeter.tracking.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Turns tracking URLs back into the placeholders the expected fixtures use:
 * {@code {{token:POSITION:TARGET}}}. Each token that verifies has its kind, message and recipient
 * checked, so expected files never hard-code signatures but still pin position and target.
 */
final class TokenPlaceholders {

    private TokenPlaceholders() {
    }

    static String resolve(String html, TrackingTokens tokens, TrackingContext context) {
        Document document = Jsoup.parse(html);
        for (Element element : document.select("[href], [src]")) {
            String attribute = element.hasAttr("href") ? "href" : "src";
            String url = element.attr(attribute);
            TrackingKind kind;
            if (url.startsWith(context.baseUrl() + "/t/c/")) {
                kind = TrackingKind.CLICK;
            } else if (url.startsWith(context.baseUrl() + "/t/o/")) {
                kind = TrackingKind.OPEN;
            } else {
                continue;
            }
            String token = url.substring(context.baseUrl().length() + "/t/c/".length());
            // Tokens that do not verify stay as they are: fixtures with links tracked elsewhere expect
            // them verbatim, and a wrong new token then differs from the expected placeholder.
            TrackedLink link = tokens.verify(token).orElse(null);
            if (link == null) {
                continue;
            }
            assertEquals(kind, link.kind(), url);
            assertEquals(context.messageId(), link.messageId());
            assertEquals(context.recipient(), link.recipient());
            element.attr(attribute, "{{token:" + link.position() + ":" + link.target() + "}}");
        }
        return document.outerHtml();
    }
}
