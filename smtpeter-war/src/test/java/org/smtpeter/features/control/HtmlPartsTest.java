package org.smtpeter.features.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HtmlPartsTest {

    /** A visible change that survives any charset: an ASCII marker before {@code </body>}. */
    private static final UnaryOperator<String> MARK = html -> html.replace("</body>", "<p>rewritten</p></body>");

    private final HtmlParts htmlParts = new HtmlParts();

    static Stream<String> fixtures() {
        return MimeFixtures.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void identityRewriteReturnsTheSameBytes(String fixture) {
        byte[] message = MimeFixtures.read(fixture);
        // A new but equal string, as a feature that found nothing to do might return.
        Rewritten rewritten = htmlParts.rewrite(message, html -> new String(html.toCharArray()));
        assertArrayEquals(message, rewritten.message());
        assertFalse(rewritten.changed());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void rewritesHtmlPartsAndKeepsEverythingElseByteIdentical(String fixture) {
        byte[] message = MimeFixtures.read(fixture);
        if (fixture.startsWith("broken")) {
            return; // covered by reportsUnparseableMime
        }
        List<String> seen = new ArrayList<>();
        Rewritten rewritten = htmlParts.rewrite(message, html -> {
            seen.add(html);
            return MARK.apply(html);
        });
        List<MimeFixtures.Leaf> before = MimeFixtures.leaves(message);
        List<MimeFixtures.Leaf> after = MimeFixtures.leaves(rewritten.message());
        assertEquals(before.size(), after.size(), "same structure");
        int rewrittenParts = 0;
        for (int i = 0; i < before.size(); i++) {
            MimeFixtures.Leaf original = before.get(i);
            MimeFixtures.Leaf result = after.get(i);
            assertEquals(original.path(), result.path());
            assertEquals(original.headerLines(), result.headerLines(), "headers of " + original.path());
            if (seen.contains(original.content())) {
                assertEquals(MARK.apply((String) original.content()), result.content(), "content of " + original.path());
                rewrittenParts++;
            } else {
                assertArrayEquals(original.raw(), result.raw(), "bytes of " + original.path());
            }
        }
        assertEquals(seen.size(), rewrittenParts, "every HTML part handed out was rewritten in place");
        assertEquals(!seen.isEmpty(), rewritten.changed());
        assertEquals(headers(message), headers(rewritten.message()), "message headers unchanged");
    }

    @Test
    void findsTheHtmlPartsOfEachShape() {
        assertEquals(List.of(1, 1, 1, 1, 1, 1, 0),
                Stream.of("newsletter-alternative.eml", "related-inline-image.eml", "mixed-pdf-attachment.eml",
                                "latin1-quoted-printable.eml", "base64-html.eml", "windows-1252-8bit.eml",
                                "html-attachment-and-forward.eml")
                        .map(fixture -> {
                            List<String> seen = new ArrayList<>();
                            htmlParts.rewrite(MimeFixtures.read(fixture), html -> {
                                seen.add(html);
                                return html;
                            });
                            return seen.size();
                        })
                        .toList());
    }

    @Test
    void keepsEpilogueBoundariesAndAttachmentAsTheyWere() {
        byte[] message = MimeFixtures.read("mixed-pdf-attachment.eml");
        byte[] rewritten = htmlParts.rewrite(message, MARK).message();
        String original = new String(message, StandardCharsets.ISO_8859_1);
        String result = new String(rewritten, StandardCharsets.ISO_8859_1);
        int attachment = original.indexOf("Content-Type: application/pdf");
        assertTrue(result.endsWith(original.substring(attachment)), "everything from the attachment on is identical");
        assertTrue(result.contains("This epilogue must survive."));
        assertEquals(original.substring(0, original.indexOf("<html>")), result.substring(0, result.indexOf("<html>")));
    }

    @Test
    void keepsLatin1AndQuotedPrintableAndEscapesWhatLatin1CannotHold() throws Exception {
        byte[] message = MimeFixtures.read("latin1-quoted-printable.eml");
        Rewritten rewritten = htmlParts.rewrite(message, html -> html.replace("</body>", "<p>déjà € vu</p></body>"));
        MimeFixtures.Leaf leaf = MimeFixtures.leaves(rewritten.message()).get(0);
        assertEquals("ISO-8859-1", new ContentType(leaf.contentType()).getParameter("charset"));
        assertTrue(leaf.headerLines().contains("Content-Transfer-Encoding: quoted-printable"));
        String html = (String) leaf.content();
        assertTrue(html.contains("Chère cliente, voilà votre reçu"), html);
        assertTrue(html.contains("<p>déjà &#8364; vu</p>"), html);
        assertTrue(new String(leaf.raw(), StandardCharsets.US_ASCII).contains("d=E9j=E0"), "é as =E9 in Latin-1");
    }

    @Test
    void keepsWindows1252AndEightBit() {
        byte[] message = MimeFixtures.read("windows-1252-8bit.eml");
        Rewritten rewritten = htmlParts.rewrite(message, html -> html.replace("Deals</a>", "Deals €</a>"));
        MimeFixtures.Leaf leaf = MimeFixtures.leaves(rewritten.message()).get(0);
        assertTrue(leaf.headerLines().contains("Content-Transfer-Encoding: 8bit"));
        assertTrue(((String) leaf.content()).contains("“Quoted” prices from €9 – that’s it…"));
        String raw = new String(leaf.raw(), Charset.forName("windows-1252"));
        assertTrue(raw.contains("Deals €</a>"), "the euro sign is byte 0x80, not a reference");
    }

    @Test
    void keepsBase64AndUtf8() {
        byte[] message = MimeFixtures.read("base64-html.eml");
        Rewritten rewritten = htmlParts.rewrite(message, html -> html.replace("Angebote</a>", "Alle Angebote für dich</a>"));
        MimeFixtures.Leaf leaf = MimeFixtures.leaves(rewritten.message()).get(0);
        assertTrue(leaf.headerLines().contains("Content-Transfer-Encoding: base64"));
        assertTrue(((String) leaf.content()).contains("Grüße aus München! 日本語のテキストも。"));
        assertTrue(((String) leaf.content()).contains("Alle Angebote für dich"));
        String raw = new String(leaf.raw(), StandardCharsets.US_ASCII);
        assertTrue(raw.lines().allMatch(line -> line.length() <= 76), "base64 lines wrapped");
    }

    @Test
    void escapesNonAsciiInSevenBitParts() {
        byte[] message = MimeFixtures.read("related-inline-image.eml");
        Rewritten rewritten = htmlParts.rewrite(message, html -> html.replace("Invoice 0042", "Facture n° 0042 – €"));
        MimeFixtures.Leaf html = MimeFixtures.leaves(rewritten.message()).get(0);
        assertTrue(html.headerLines().contains("Content-Transfer-Encoding: 7bit"));
        assertTrue(((String) html.content()).contains("Facture n&#176; 0042 &#8211; &#8364;"));
        for (byte b : html.raw()) {
            assertTrue(b >= 0, "7bit content stays ASCII");
        }
    }

    @Test
    void switchesSevenBitToQuotedPrintableWhenLinesWouldBeTooLong() {
        byte[] message = MimeFixtures.read("related-inline-image.eml");
        String longLine = "<p>" + "x".repeat(1200) + "</p>";
        Rewritten rewritten = htmlParts.rewrite(message, html -> html.replace("</body>", longLine + "</body>"));
        MimeFixtures.Leaf html = MimeFixtures.leaves(rewritten.message()).get(0);
        assertTrue(html.headerLines().contains("Content-Transfer-Encoding: quoted-printable"), html.headerLines().toString());
        assertTrue(html.headerLines().contains("Content-Type: text/html; charset=us-ascii"));
        assertTrue(((String) html.content()).contains(longLine));
        assertTrue(new String(rewritten.message(), StandardCharsets.ISO_8859_1).lines().allMatch(l -> l.length() <= 998));
        assertEquals(MimeFixtures.leaves(message).get(1).raw().length, MimeFixtures.leaves(rewritten.message()).get(1).raw().length);
    }

    @Test
    void leavesHtmlAttachmentsAndForwardedMailAlone() {
        byte[] message = MimeFixtures.read("html-attachment-and-forward.eml");
        Rewritten rewritten = htmlParts.rewrite(message, MARK);
        assertArrayEquals(message, rewritten.message());
        assertTrue(rewritten.problem().isEmpty());
    }

    @Test
    void reportsUnparseableMime() {
        byte[] message = MimeFixtures.read("broken-multipart.eml");
        Rewritten rewritten = htmlParts.rewrite(message, MARK);
        assertArrayEquals(message, rewritten.message());
        assertFalse(rewritten.changed());
        assertTrue(rewritten.problem().orElseThrow().contains("Missing start boundary"), rewritten.problem().toString());
    }

    @Test
    void leavesAPartWithAnUnknownCharsetAndRewritesTheOthers() {
        byte[] message = MimeFixtures.crlf(("""
                MIME-Version: 1.0
                Content-Type: multipart/alternative; boundary="b"

                --b
                Content-Type: text/html; charset=x-no-such-charset

                <html><body>unknown</body></html>
                --b
                Content-Type: text/html; charset=utf-8

                <html><body>known</body></html>
                --b--
                """).getBytes(StandardCharsets.US_ASCII));
        Rewritten rewritten = htmlParts.rewrite(message, MARK);
        assertTrue(rewritten.changed());
        assertTrue(rewritten.problem().orElseThrow().contains("x-no-such-charset"));
        String result = new String(rewritten.message(), StandardCharsets.US_ASCII);
        assertTrue(result.contains("<html><body>unknown</body></html>"));
        assertTrue(result.contains("<html><body>known<p>rewritten</p></body></html>"));
    }

    @Test
    void reportsAFailingRewriteAndKeepsThePart() {
        byte[] message = MimeFixtures.read("base64-html.eml");
        Rewritten rewritten = htmlParts.rewrite(message, html -> {
            throw new IllegalStateException("feature exploded");
        });
        assertArrayEquals(message, rewritten.message());
        assertTrue(rewritten.problem().orElseThrow().contains("feature exploded"));
    }

    @Test
    void keepsBareLineFeedMessagesConsistent() {
        byte[] message = """
                MIME-Version: 1.0
                Content-Type: text/html; charset=utf-8

                <html>
                <body>
                <p>LF only</p>
                </body>
                </html>
                """.getBytes(StandardCharsets.UTF_8);
        Rewritten rewritten = htmlParts.rewrite(message, html -> html.replace("</p>", "</p>\n<p>more</p>"));
        String result = new String(rewritten.message(), StandardCharsets.UTF_8);
        assertFalse(result.contains("\r"), "no CR introduced into an LF message");
        assertTrue(result.endsWith("<p>LF only</p>\n<p>more</p>\n</body>\n</html>\n"), result);
    }

    @Test
    void givesCrlfMessagesCrlfForNewLineBreaks() {
        byte[] message = MimeFixtures.read("windows-1252-8bit.eml");
        Rewritten rewritten = htmlParts.rewrite(message, html -> html.replace("</p>", "</p>\n"));
        String result = new String(rewritten.message(), StandardCharsets.ISO_8859_1);
        assertEquals(-1, result.replace("\r\n", "").indexOf('\n'), "no bare LF");
        assertNotEquals(new String(message, StandardCharsets.ISO_8859_1), result);
    }

    @Test
    void turnsEveryNewBareLineFeedIntoCrlfAndLeavesTheOthers() {
        byte[] message = MimeFixtures.crlf("""
                MIME-Version: 1.0
                Content-Type: text/html; charset=utf-8

                <p>old</p>
                """.getBytes(StandardCharsets.UTF_8));
        Rewritten rewritten = htmlParts.rewrite(message, html -> "\n<p>a</p>\r\n<p>b</p>\n\n<p>c</p>");
        String result = new String(rewritten.message(), StandardCharsets.UTF_8);
        assertTrue(result.endsWith("\r\n\r\n\r\n<p>a</p>\r\n<p>b</p>\r\n\r\n<p>c</p>\r\n"), result);
    }

    private static List<String> headers(byte[] message) {
        try {
            MimeMessage parsed = MimeFixtures.parse(message);
            return Collections.list(parsed.getAllHeaderLines());
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
