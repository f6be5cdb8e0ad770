package org.smtpeter.features.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.smtpeter.credentials.entity.FeatureSet;
import org.smtpeter.inlining.control.CssInliner;
import org.smtpeter.tracking.control.ClickTracking;
import org.smtpeter.tracking.control.OpenTracking;
import org.smtpeter.tracking.control.TrackingContext;
import org.smtpeter.tracking.control.TrackingSlots;
import org.smtpeter.tracking.control.TrackingTokens;
import org.smtpeter.messages.control.MessageBytes;

class FeaturePipelineTest {

    private static final TrackingContext CONTEXT =
            new TrackingContext("https://track.example.com", "Vx3kq9PzM2aBcDeFgHjK", "alice@example.org");
    private static final AppliedFeatures ALL = new AppliedFeatures(true, true, true, true, true, List.of());
    private static final AppliedFeatures NONE = new AppliedFeatures(false, false, false, true, true, List.of());

    private final TrackingTokens tokens = new TrackingTokens("pipeline-test-secret-123");
    private final FeaturePipeline pipeline = new FeaturePipeline(new HtmlParts(), new CssInliner(),
            new ClickTracking(tokens), new OpenTracking(tokens), tokens);

    @Test
    void returnsTheMessageUnparsedWhenNoHtmlFeatureIsOn() {
        HtmlParts mustNotParse = new HtmlParts() {
            @Override
            public List<HtmlPartText> read(MessageBytes message, List<String> problems) {
                throw new AssertionError("parsed although no HTML feature is on");
            }
        };
        FeaturePipeline pipeline = new FeaturePipeline(mustNotParse, new CssInliner(), new ClickTracking(tokens),
                new OpenTracking(tokens), tokens);
        byte[] message = MimeFixtures.read("newsletter-alternative.eml");
        Rewritten rewritten = pipeline.apply(message, NONE, null);
        assertArrayEquals(message, rewritten.message());
        assertFalse(rewritten.changed());
    }

    @Test
    void leavesTheMessageByteIdenticalWhenItsHeadersSwitchEverythingOff() throws Exception {
        byte[] message = MimeFixtures.crlf(("x-smtpeter-inlinecss: false\nx-smtpeter-clicktracking: FALSE\n"
                + "X-SMTPeter-TrackOpens: false\n").getBytes(StandardCharsets.US_ASCII));
        byte[] newsletter = MimeFixtures.read("related-inline-image.eml"); // no x-smtpeter headers of its own
        byte[] full = new byte[message.length + newsletter.length];
        System.arraycopy(message, 0, full, 0, message.length);
        System.arraycopy(newsletter, 0, full, message.length, newsletter.length);
        InternetHeaders headers = new InternetHeaders(new java.io.ByteArrayInputStream(full));
        AppliedFeatures applied = new FeatureHeaders().resolve(new FeatureSet(true, true, true, true, true, false), headers);
        assertFalse(applied.changesHtml());
        Rewritten rewritten = pipeline.apply(full, applied, CONTEXT);
        assertArrayEquals(full, rewritten.message(), "the very same bytes");
        assertFalse(rewritten.changed());
    }

    @Test
    void appliesAllFeaturesToTheNewsletter() throws Exception {
        byte[] message = MimeFixtures.read("newsletter-alternative.eml");
        Rewritten rewritten = pipeline.apply(message, ALL, CONTEXT);
        assertTrue(rewritten.changed());
        assertTrue(rewritten.problem().isEmpty(), rewritten.problem().toString());

        List<MimeFixtures.Leaf> before = MimeFixtures.leaves(message);
        List<MimeFixtures.Leaf> after = MimeFixtures.leaves(rewritten.message());
        assertArrayEquals(before.get(0).raw(), after.get(0).raw(), "text part untouched");
        Document html = Jsoup.parse((String) after.get(1).content());
        assertEquals("color: #333333; font-size: 16px;", html.selectFirst("p.lead").attr("style"));
        assertTrue(html.select("a").stream().allMatch(a -> a.attr("href").startsWith("https://track.example.com/t/c/")));
        assertTrue(html.selectFirst("img").attr("src").startsWith("https://track.example.com/t/o/"));
        assertEquals(1, html.select("img").size(), "a remote image, so no pixel");
        assertTrue(html.selectFirst("style").data().contains("@media"));

        MimeMessage parsed = MimeFixtures.parse(rewritten.message());
        assertEquals("<https://example.com/unsubscribe?u=123>, <mailto:unsub@example.com>",
                parsed.getHeader("List-Unsubscribe", null));
        assertEquals(Collections.list(MimeFixtures.parse(message).getAllHeaderLines()),
                Collections.list(parsed.getAllHeaderLines()));
    }

    @Test
    void inlinesBeforeLinksAreRewritten() {
        byte[] message = MimeFixtures.crlf("""
                MIME-Version: 1.0
                Content-Type: text/html; charset=utf-8

                <html><head><style>a[href^="https://shop."] { color: green; }</style></head>
                <body><a href="https://shop.example.com/">Shop</a></body></html>
                """.getBytes(StandardCharsets.UTF_8));
        Rewritten rewritten = pipeline.apply(message, ALL, CONTEXT);
        Document html = Jsoup.parse((String) MimeFixtures.leaves(rewritten.message()).get(0).content());
        assertEquals("color: green;", html.selectFirst("a").attr("style"));
        assertTrue(html.selectFirst("a").attr("href").startsWith("https://track.example.com/t/c/"));
        assertEquals(1, html.select("img[width=1][height=1]").size(), "pixel added, no remote image");
    }

    @Test
    void givesEachRecipientTheirOwnCopy() {
        byte[] message = MimeFixtures.read("newsletter-alternative.eml");
        TrackingContext bob = new TrackingContext(CONTEXT.baseUrl(), CONTEXT.messageId(), "bob@example.org");
        assertNotEquals(new String(pipeline.apply(message, ALL, CONTEXT).message(), StandardCharsets.ISO_8859_1),
                new String(pipeline.apply(message, ALL, bob).message(), StandardCharsets.ISO_8859_1));
    }

    @Test
    void skipsAFailingStepAndKeepsTheOthers() {
        ClickTracking broken = new ClickTracking(tokens) {
            @Override
            public boolean markLinks(Document document, TrackingSlots slots, boolean preventScam) {
                document.select("a").attr("href", "https://half.example/done"); // fails half-way
                throw new IllegalStateException("click tracking exploded");
            }
        };
        FeaturePipeline pipeline = new FeaturePipeline(new HtmlParts(), new CssInliner(), broken, new OpenTracking(tokens),
                tokens);
        Rewritten rewritten = pipeline.apply(MimeFixtures.read("newsletter-alternative.eml"), ALL, CONTEXT);
        assertTrue(rewritten.changed());
        assertTrue(rewritten.problem().orElseThrow().contains("click tracking skipped: click tracking exploded"));
        Document html = Jsoup.parse((String) MimeFixtures.leaves(rewritten.message()).get(1).content());
        assertEquals("https://shop.example.com/spring?utm_source=mail&utm_medium=newsletter",
                html.selectFirst("a.button").attr("href"), "links untouched");
        assertTrue(html.selectFirst("img").attr("src").startsWith("https://track.example.com/t/o/"), "opens still tracked");
        assertTrue(html.selectFirst("p.lead").hasAttr("style"), "still inlined");
    }

    @Test
    void skipsTrackingWithoutAContextButStillInlines() {
        Rewritten rewritten = pipeline.apply(MimeFixtures.read("newsletter-alternative.eml"), ALL, null);
        assertTrue(rewritten.problem().orElseThrow().contains("no tracking context"));
        Document html = Jsoup.parse((String) MimeFixtures.leaves(rewritten.message()).get(1).content());
        assertTrue(html.selectFirst("p.lead").hasAttr("style"));
        assertTrue(html.selectFirst("a.button").attr("href").startsWith("https://shop.example.com/"));
    }

    @Test
    void reportsUnparseableMessagesAndDeliversThemUnchanged() {
        byte[] message = MimeFixtures.read("broken-multipart.eml");
        Rewritten rewritten = pipeline.apply(message, ALL, CONTEXT);
        assertArrayEquals(message, rewritten.message());
        assertTrue(rewritten.problem().orElseThrow().startsWith("MIME structure could not be parsed"));
    }

    @Test
    void preparesOnceForAHundredRecipientsAndEachCopyIsTheirOwn() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        AtomicInteger inlinings = new AtomicInteger();
        HtmlParts countingParts = new HtmlParts() {
            @Override
            public List<HtmlPartText> read(MessageBytes message, List<String> problems)
                    throws jakarta.mail.MessagingException, java.io.IOException {
                reads.incrementAndGet();
                return super.read(message, problems);
            }
        };
        CssInliner countingInliner = new CssInliner() {
            @Override
            public boolean inline(Document document) {
                inlinings.incrementAndGet();
                return super.inline(document);
            }
        };
        FeaturePipeline counted = new FeaturePipeline(countingParts, countingInliner, new ClickTracking(tokens),
                new OpenTracking(tokens), tokens);
        byte[] message = MimeFixtures.read("newsletter-alternative.eml");

        PreparedMessage prepared = counted.prepare(message, ALL, CONTEXT.baseUrl());
        Set<String> copies = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            TrackingContext recipient = new TrackingContext(CONTEXT.baseUrl(), CONTEXT.messageId(), "r" + i + "@example.org");
            Rewritten copy = prepared.copyFor(recipient);
            copies.add(new String(copy.message(), StandardCharsets.ISO_8859_1));
            Document html = Jsoup.parse((String) MimeFixtures.leaves(copy.message()).get(1).content());
            String token = html.selectFirst("a.button").attr("href").substring("https://track.example.com/t/c/".length());
            assertEquals("r" + i + "@example.org", tokens.verify(token).orElseThrow().recipient());
        }

        assertEquals(1, reads.get(), "the MIME structure read once");
        assertEquals(1, inlinings.get(), "the HTML inlined once");
        assertEquals(100, copies.size(), "every recipient has their own tokens");
        assertFalse(prepared.isSameForEveryCopy());
    }

    @Test
    void aPreparedCopyIsByteForByteWhatTheSingleCopyPathGives() {
        byte[] message = MimeFixtures.read("newsletter-alternative.eml");
        TrackingContext bob = new TrackingContext(CONTEXT.baseUrl(), CONTEXT.messageId(), "bob@example.org");

        assertArrayEquals(pipeline.apply(message, ALL, bob).message(),
                pipeline.prepare(message, ALL, CONTEXT.baseUrl()).copyFor(bob).message());
    }

    @Test
    void withoutTrackingEveryRecipientSharesTheSameBytes() {
        AppliedFeatures inlineOnly = new AppliedFeatures(true, false, false, true, true, List.of());
        PreparedMessage prepared = pipeline.prepare(MimeFixtures.read("newsletter-alternative.eml"), inlineOnly,
                CONTEXT.baseUrl());

        assertTrue(prepared.isSameForEveryCopy());
        assertSame(prepared.copyFor(CONTEXT).content(), prepared.copyFor(null).content());
        assertTrue(prepared.copyFor(null).changed());
    }
}
