package org.smtpeter.tracking.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrackingTokensTest {

    private static final String SECRET = "a-test-secret-of-enough-length";
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private final TrackingTokens tokens = new TrackingTokens(SECRET);

    private static final TrackedLink LINK = new TrackedLink(TrackingKind.CLICK, "Vx3kq9PzM2aBcDeFgHjK",
            "alice@example.org", 3, "https://shop.example.com/sale?utm=mail&x=1#top");

    @Test
    void roundTripsEveryField() {
        assertEquals(Optional.of(LINK), tokens.verify(tokens.sign(LINK)));
    }

    @Test
    void roundTripsUnicodeLargePositionsAndThePixel() {
        TrackedLink unicode = new TrackedLink(TrackingKind.OPEN, "id", "jürgen@bücher.de", 300_000,
                "https://例え.jp/画像.png?q=ä%20b");
        TrackedLink pixel = new TrackedLink(TrackingKind.OPEN, "id", "bob@example.org", 0, "");
        assertEquals(Optional.of(unicode), tokens.verify(tokens.sign(unicode)));
        assertEquals(Optional.of(pixel), tokens.verify(tokens.sign(pixel)));
        assertTrue(tokens.verify(tokens.sign(pixel)).orElseThrow().isPixel());
    }

    @Test
    void anUnsubscribeTokenIsAKindOfItsOwn() {
        TrackedLink unsubscribe = new TrackedLink(TrackingKind.UNSUBSCRIBE, LINK.messageId(), LINK.recipient(), 0, "");
        String token = tokens.sign(unsubscribe);
        assertEquals(Optional.of(unsubscribe), tokens.verify(token));
        assertNotEquals(token, tokens.sign(new TrackedLink(TrackingKind.CLICK, LINK.messageId(), LINK.recipient(), 0, "")));
        assertNotEquals(token, tokens.sign(new TrackedLink(TrackingKind.OPEN, LINK.messageId(), LINK.recipient(), 0, "")));
    }

    @Test
    void isUrlSafeAndOfTheDocumentedLength() {
        TrackedLink link = new TrackedLink(TrackingKind.CLICK, "x".repeat(20), "r".repeat(25), 7, "u".repeat(60));
        String token = tokens.sign(link);
        assertTrue(token.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0), token);
        assertEquals(168, token.length());
    }

    @Test
    void differsPerPositionKindAndRecipient() {
        String token = tokens.sign(LINK);
        assertNotEquals(token, tokens.sign(new TrackedLink(TrackingKind.CLICK, LINK.messageId(), LINK.recipient(), 4, LINK.target())));
        assertNotEquals(token, tokens.sign(new TrackedLink(TrackingKind.OPEN, LINK.messageId(), LINK.recipient(), 3, LINK.target())));
        assertNotEquals(token, tokens.sign(new TrackedLink(TrackingKind.CLICK, LINK.messageId(), "bob@example.org", 3, LINK.target())));
    }

    /** Target lengths 60, 61, 62 give all three base64 tails, including ones with unused bits. */
    @ParameterizedTest
    @ValueSource(ints = {60, 61, 62})
    void rejectsEverySingleCharacterChange(int targetLength) {
        String token = tokens.sign(new TrackedLink(TrackingKind.CLICK, LINK.messageId(), LINK.recipient(), 3,
                "https://example.com/" + "p".repeat(targetLength - 20)));
        int tried = 0;
        for (int i = 0; i < token.length(); i++) {
            for (char replacement : new char[] {'A', 'B', 'f', 'g', '0', '-', '_'}) {
                if (token.charAt(i) == replacement) {
                    continue;
                }
                String altered = token.substring(0, i) + replacement + token.substring(i + 1);
                assertEquals(Optional.empty(), tokens.verify(altered), "accepted change at " + i);
                tried++;
            }
        }
        assertTrue(tried > token.length() * 5);
    }

    @Test
    void rejectsAChangedPayloadEvenWithAValidLookingSignatureLength() {
        byte[] bytes = Base64.getUrlDecoder().decode(tokens.sign(LINK));
        bytes[10] ^= 1; // inside the message id
        assertEquals(Optional.empty(), tokens.verify(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)));
    }

    @Test
    void rejectsTruncatedExtendedAndPaddedTokens() {
        String token = tokens.sign(LINK);
        assertEquals(Optional.empty(), tokens.verify(token.substring(0, token.length() - 1)));
        assertEquals(Optional.empty(), tokens.verify(token.substring(1)));
        assertEquals(Optional.empty(), tokens.verify(token.substring(0, 22)));
        assertEquals(Optional.empty(), tokens.verify(token + "A"));
        assertEquals(Optional.empty(), tokens.verify(token + "="));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "garbage", "!!!!", "AAAA", "a.b.c", "%2F%2F", "<script>", "AQ"})
    void rejectsGarbage(String garbage) {
        assertEquals(Optional.empty(), tokens.verify(garbage));
    }

    @Test
    void rejectsNullAndOversizedInput() {
        assertEquals(Optional.empty(), tokens.verify(null));
        assertEquals(Optional.empty(), tokens.verify("A".repeat(TrackingTokens.MAX_TOKEN_CHARS + 1)));
    }

    @Test
    void rejectsTokensSignedWithAnotherSecret() {
        String foreign = new TrackingTokens("another-secret-of-enough-length").sign(LINK);
        assertEquals(Optional.empty(), tokens.verify(foreign));
    }

    @Test
    void refusesShortSecrets() {
        assertThrows(IllegalArgumentException.class, () -> new TrackingTokens("short"));
    }

    @Test
    void generatesASecretWhenNoneIsConfigured() {
        TrackingTokens unconfigured = new TrackingTokens();
        unconfigured.configuredSecret = Optional.of("  ");
        unconfigured.loadSecret();
        assertEquals(Optional.of(LINK), unconfigured.verify(unconfigured.sign(LINK)));
        assertEquals(Optional.empty(), tokens.verify(unconfigured.sign(LINK)));
    }

    @Test
    void usesTheConfiguredSecret() {
        TrackingTokens configured = new TrackingTokens();
        configured.configuredSecret = Optional.of(SECRET);
        configured.loadSecret();
        assertEquals(Optional.of(LINK), tokens.verify(configured.sign(LINK)));
    }
}
