package org.smtpeter.unsubscribe.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.smtpeter.tracking.control.TrackedLink;
import org.smtpeter.tracking.control.TrackingKind;
import org.smtpeter.tracking.control.TrackingTokens;

class UnsubscribeLinksTest {

    private static final Pattern LINK = Pattern.compile("<https://track\\.example\\.com/u/([A-Za-z0-9_-]+)>");

    private final TrackingTokens tokens = new TrackingTokens("unit-test-secret-0123456789");
    private static final String BASE = "https://track.example.com/";

    private final UnsubscribeLinks links = new UnsubscribeLinks(tokens);

    @Test
    void addsTheSignedLinkTheMailtoAndTheOneClickPost() {
        List<String> headers = links.headers(false, BASE, "msg-1", "Ann@Example.org", "U-abc@Bounce.Example.com");

        assertEquals(2, headers.size(), headers.toString());
        Matcher link = LINK.matcher(headers.get(0));
        assertTrue(headers.get(0).startsWith("List-Unsubscribe: <https://track.example.com/u/"), headers.get(0));
        assertTrue(link.find(), headers.get(0));
        assertTrue(headers.get(0).endsWith(",\r\n <mailto:u-abc@bounce.example.com?subject=unsubscribe>"), headers.get(0));
        assertEquals("List-Unsubscribe-Post: List-Unsubscribe=One-Click", headers.get(1));
        assertEquals(Optional.of(new TrackedLink(TrackingKind.UNSUBSCRIBE, "msg-1", "Ann@Example.org", 0, "")),
                links.verify(link.group(1)));
    }

    @Test
    void withoutAMailtoTheLinkStandsAlone() {
        String header = links.headers(false, BASE, "msg-1", "ann@example.org", null).get(0);

        assertTrue(header.matches("List-Unsubscribe: <https://track\\.example\\.com/u/[A-Za-z0-9_-]+>"), header);
        assertTrue(header.length() < 998, "one line within RFC 5322's limit: " + header.length());
    }

    @Test
    void theLinkIsOnTheHostItIsGiven() {
        String header = links.headers(false, "https://track.news.example.org", "msg-1", "ann@example.org", null).get(0);

        assertTrue(header.startsWith("List-Unsubscribe: <https://track.news.example.org/u/"), header);
    }

    @Test
    void aMessageWithItsOwnListUnsubscribeGetsNothingAdded() {
        assertEquals(List.of(), links.headers(true, BASE, "msg-1", "ann@example.org", "u-abc@bounce.example.com"));
    }

    @Test
    void eachRecipientGetsALinkOfTheirOwn() {
        assertTrue(!links.url(BASE, "msg-1", "ann@example.org").equals(links.url(BASE, "msg-1", "bob@example.org")));
        assertTrue(!links.url(BASE, "msg-1", "ann@example.org").equals(links.url(BASE, "msg-2", "ann@example.org")));
    }

    @Test
    void aTamperedLinkOrAClickTokenDoesNotVerify() {
        String url = links.url(BASE, "msg-1", "ann@example.org");
        String token = url.substring(url.lastIndexOf('/') + 1);
        byte[] bytes = Base64.getUrlDecoder().decode(token);
        bytes[5] ^= 1; // inside the message id
        String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String click = tokens.sign(new TrackedLink(TrackingKind.CLICK, "msg-1", "ann@example.org", 0, ""));
        String open = tokens.sign(new TrackedLink(TrackingKind.OPEN, "msg-1", "ann@example.org", 0, ""));

        assertEquals(Optional.empty(), links.verify(tampered));
        assertEquals(Optional.empty(), links.verify(click));
        assertEquals(Optional.empty(), links.verify(open));
        assertEquals(Optional.empty(), links.verify("not-a-token"));
        assertEquals(Optional.empty(), new UnsubscribeLinks(new TrackingTokens("another-secret-0123456789")).verify(token));
    }
}
