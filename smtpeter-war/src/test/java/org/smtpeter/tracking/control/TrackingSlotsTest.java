package org.smtpeter.tracking.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrackingSlotsTest {

    private final TrackingTokens tokens = new TrackingTokens("slots-test-secret-0123456789");
    private final TrackingContext alice = new TrackingContext("https://t.example.com/", "M1", "alice@example.org");

    @Test
    void fillsEachPlaceholderWithItsRecipientsSignedUrl() {
        TrackingSlots slots = new TrackingSlots("https://t.example.com");
        String html = "<a href=\"" + slots.placeholder(TrackingKind.CLICK, 0, "https://shop.example.com/?a=1&b=2")
                + "\">x</a><img src=\"" + slots.placeholder(TrackingKind.OPEN, 3, "https://cdn.example.com/i.png") + "\">";

        String filled = slots.fill(html, alice, tokens);

        String click = between(filled, "href=\"https://t.example.com/t/c/", "\"");
        String open = between(filled, "src=\"https://t.example.com/t/o/", "\"");
        assertEquals(new TrackedLink(TrackingKind.CLICK, "M1", "alice@example.org", 0, "https://shop.example.com/?a=1&b=2"),
                tokens.verify(click).orElseThrow());
        assertEquals(new TrackedLink(TrackingKind.OPEN, "M1", "alice@example.org", 3, "https://cdn.example.com/i.png"),
                tokens.verify(open).orElseThrow());
        assertFalse(filled.contains("smtpeter-slot-"));
    }

    @Test
    void placeholdersSurviveHtmlSerialisationUnchanged() {
        TrackingSlots slots = new TrackingSlots("https://t.example.com");
        String placeholder = slots.placeholder(TrackingKind.CLICK, 0, "https://shop.example.com/");
        var document = HtmlDocuments.parse("<p><a>x</a></p>");
        document.selectFirst("a").attr("href", placeholder);

        assertTrue(HtmlDocuments.write(document).contains("href=\"" + placeholder + "\""));
    }

    @Test
    void eachMessageHasItsOwnMarkerSoTextCannotPassForAPlaceholder() {
        String first = new TrackingSlots("https://t.example.com").placeholder(TrackingKind.CLICK, 0, "https://a.example/");
        String second = new TrackingSlots("https://t.example.com").placeholder(TrackingKind.CLICK, 0, "https://a.example/");

        assertNotEquals(first, second);
        TrackingSlots slots = new TrackingSlots("https://t.example.com");
        slots.placeholder(TrackingKind.CLICK, 0, "https://a.example/");
        assertEquals("<p>" + first + "</p>", slots.fill("<p>" + first + "</p>", alice, tokens), "another message's marker is text");
    }

    @Test
    void aCopyForAnotherTrackingHostIsRefused() {
        TrackingSlots slots = new TrackingSlots("https://t.example.com");
        TrackingContext elsewhere = new TrackingContext("https://other.example.com", "M1", "alice@example.org");

        assertThrows(IllegalArgumentException.class, () -> slots.fill("", elsewhere, tokens));
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start) + start.length();
        return text.substring(from, text.indexOf(end, from));
    }
}
