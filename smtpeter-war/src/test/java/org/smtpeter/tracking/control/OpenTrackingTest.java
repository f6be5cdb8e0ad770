package org.smtpeter.tracking.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OpenTrackingTest {

    private static final TrackingContext CONTEXT = ClickTrackingTest.CONTEXT;

    private final TrackingTokens tokens = new TrackingTokens("open-tracking-test-secret");
    private final OpenTracking openTracking = new OpenTracking(tokens);

    static Stream<String> cases() {
        return Fixtures.cases("images");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rewritesImagesAsTheFixtureExpects(String name) {
        String actual = openTracking.rewriteImages(Fixtures.read("images", name + ".input.html"), CONTEXT);
        assertEquals(NormalizedHtml.of(Fixtures.read("images", name + ".expected.html")),
                NormalizedHtml.of(TokenPlaceholders.resolve(actual, tokens, CONTEXT)));
    }

    @Test
    void appendsExactlyThePixelMarkupAsTheLastElementOfTheBody() {
        String html = openTracking.rewriteImages("<html><body><p>Hello</p></body></html>", CONTEXT);
        Element pixel = Jsoup.parse(html).body().children().last();
        assertTrue(pixel.outerHtml().matches("<img src=\"https://track\\.example\\.com/t/o/[A-Za-z0-9_-]+\" "
                + "width=\"1\" height=\"1\" alt=\"\" style=\"display:block;border:0;width:1px;height:1px\">"),
                pixel.outerHtml());
        TrackedLink link = tokens.verify(pixel.attr("src").substring("https://track.example.com/t/o/".length())).orElseThrow();
        assertTrue(link.isPixel());
        assertEquals(TrackingKind.OPEN, link.kind());
    }

    @Test
    void addsNoPixelWhenThereIsARemoteImage() {
        String html = openTracking.rewriteImages("<p><img src=\"https://cdn.example.com/a.png\"></p>", CONTEXT);
        assertEquals(1, Jsoup.parse(html).select("img").size());
    }

    @Test
    void returnsTheInputItselfWhenAllRemoteImagesAreAlreadyTracked() {
        String html = "<p><img src=\"https://track.example.com/t/o/abc\"></p>";
        assertSame(html, openTracking.rewriteImages(html, CONTEXT));
    }
}
