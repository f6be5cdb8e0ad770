package org.smtpeter.tracking.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.MethodSource;

class ClickTrackingTest {

    static final TrackingContext CONTEXT =
            new TrackingContext("https://track.example.com/", "Vx3kq9PzM2aBcDeFgHjK", "alice@example.org");

    private final TrackingTokens tokens = new TrackingTokens("click-tracking-test-secret");
    private final ClickTracking clickTracking = new ClickTracking(tokens);

    static Stream<String> cases() {
        return Fixtures.cases("links");
    }

    /** Cases named {@code scam-*} run with preventscam on. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rewritesLinksAsTheFixtureExpects(String name) {
        String actual = clickTracking.rewriteLinks(Fixtures.read("links", name + ".input.html"), CONTEXT,
                name.startsWith("scam-"));
        assertEquals(NormalizedHtml.of(Fixtures.read("links", name + ".expected.html")),
                NormalizedHtml.of(TokenPlaceholders.resolve(actual, tokens, CONTEXT)));
    }

    @ParameterizedTest(name = "{1} {0} ({2})")
    @CsvFileSource(resources = "/links/hrefs.csv", delimiter = '|', numLinesToSkip = 1)
    void decidesPerHref(String href, String expected, String why) {
        Document document = Jsoup.parse("<html><body><p><a>Click</a></p></body></html>");
        document.selectFirst("a").attr("href", href);
        String rewritten = clickTracking.rewriteLinks(document.outerHtml(), CONTEXT, true);
        String result = Jsoup.parse(rewritten).selectFirst("a").attr("href");
        if (expected.equals("rewrite")) {
            assertTrue(result.startsWith("https://track.example.com/t/c/"), result);
            TrackedLink link = tokens.verify(result.substring("https://track.example.com/t/c/".length())).orElseThrow();
            assertEquals(new TrackedLink(TrackingKind.CLICK, CONTEXT.messageId(), CONTEXT.recipient(), 0, href), link);
        } else {
            assertEquals(href, result);
        }
    }

    @Test
    void countsTheSameUrlTwiceAsTwoLinks() {
        String html = "<p><a href=\"https://example.com/\">Shop</a> and again <a href=\"https://example.com/\">Shop</a></p>";
        List<String> hrefs = hrefs(clickTracking.rewriteLinks(html, CONTEXT, false));
        assertNotEquals(hrefs.get(0), hrefs.get(1));
        assertEquals(0, verify(hrefs.get(0)).position());
        assertEquals(1, verify(hrefs.get(1)).position());
    }

    @Test
    void positionsIgnoreWhetherEarlierLinksWereRewritten() {
        String html = "<p><a href=\"mailto:a@example.com\">Mail</a><a href=\"#top\">Top</a>"
                + "<a href=\"https://example.com/x\">Shop</a></p>";
        assertEquals(2, verify(hrefs(clickTracking.rewriteLinks(html, CONTEXT, false)).get(2)).position());
    }

    @Test
    void givesEachRecipientTheirOwnTokens() {
        String html = "<p><a href=\"https://example.com/\">Shop</a></p>";
        TrackingContext bob = new TrackingContext(CONTEXT.baseUrl(), CONTEXT.messageId(), "bob@example.org");
        String forAlice = hrefs(clickTracking.rewriteLinks(html, CONTEXT, false)).get(0);
        String forBob = hrefs(clickTracking.rewriteLinks(html, bob, false)).get(0);
        assertNotEquals(forAlice, forBob);
        assertEquals("bob@example.org", verify(forBob).recipient());
    }

    @Test
    void keepsAmpersandLinksExact() {
        String html = "<p><a href=\"https://example.com/p?a=1&amp;b=2&copy=3&amp;lt=4\">Shop</a></p>";
        String rewritten = clickTracking.rewriteLinks(html, CONTEXT, false);
        assertEquals("https://example.com/p?a=1&b=2&copy=3&lt=4", verify(hrefs(rewritten).get(0)).target());
    }

    @Test
    void returnsTheInputItselfWhenNothingIsTracked() {
        String html = "<p><a href=\"mailto:a@example.com\">Mail</a> <a href=\"/relative\">x</a></p>";
        assertSame(html, clickTracking.rewriteLinks(html, CONTEXT, false));
    }

    @Test
    void preventScamLeavesUrlLabelsButOnlyThem() {
        String html = "<p><a href=\"https://www.example.com\">www.example.com</a>"
                + "<a href=\"https://www.example.com/offer\">See the offer</a></p>";
        List<String> hrefs = hrefs(clickTracking.rewriteLinks(html, CONTEXT, true));
        assertEquals("https://www.example.com", hrefs.get(0));
        assertTrue(hrefs.get(1).startsWith("https://track.example.com/t/c/"));
    }

    private TrackedLink verify(String trackedUrl) {
        return tokens.verify(trackedUrl.substring("https://track.example.com/t/c/".length())).orElseThrow();
    }

    private static List<String> hrefs(String html) {
        return Jsoup.parse(html).select("a[href], area[href]").stream().map(e -> e.attr("href")).toList();
    }

    @Test
    void leavesAreaWithoutLabelCheckButRewritesIt() {
        String html = "<map name=\"m\"><area shape=\"rect\" coords=\"0,0,10,10\" href=\"https://example.com/a\" alt=\"example.com\"></map>";
        Element area = Jsoup.parse(clickTracking.rewriteLinks(html, CONTEXT, true)).selectFirst("area");
        assertEquals("https://example.com/a", verify(area.attr("href")).target());
    }
}
