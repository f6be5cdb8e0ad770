package org.smtpeter.benchmark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeUtility;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * A realistic HTML newsletter as it arrives over SMTP, generated to a target size:
 * {@code multipart/alternative} with a quoted-printable text part and a quoted-printable HTML part
 * (UTF-8 with a few non-ASCII characters). The HTML is a table layout with a {@code <style>} block
 * in the head (class, descendant, attribute and element selectors, {@code !important}, plus rules
 * that stay behind: {@code @media}, {@code @font-face}, {@code :hover}), a header with logo and
 * navigation, article rows with several links each, a few remote images and a footer with
 * {@code mailto:}, {@code tel:}, a URL-looking label (for preventscam) and an unsubscribe link.
 *
 * <p>The template comes from {@code newsletter/} on the classpath ({@code src/jmh/resources}):
 * {@code head.html} and {@code footer.html} once, {@code article.html} and {@code article.txt}
 * repeated as often as fits the target size, every fourth article with an image. The output is
 * deterministic.
 */
final class Newsletter {

    private static final String BOUNDARY = "=_alt_bench_5c1e";
    private static final String[] TOPICS = {
        "Spring collection", "Garden furniture", "Rain jackets", "Running shoes", "Kitchen classics",
        "Café favourites", "Back to school", "Weekend deals", "Travel light", "Home office",
    };
    private static final String[] SECTIONS = {"new", "sale", "guides", "stories", "outlet"};

    private final byte[] raw;
    private final int articles;
    private final int links;
    private final int images;

    private Newsletter(byte[] raw, int articles, int links, int images) {
        this.raw = raw;
        this.articles = articles;
        this.links = links;
        this.images = images;
    }

    /** The largest newsletter with at least one article that is not larger than {@code targetBytes}. */
    static Newsletter ofSize(int targetBytes) {
        Newsletter fitting = build(1);
        for (int count = 2; ; count++) {
            Newsletter next = build(count);
            if (next.raw.length > targetBytes) {
                return fitting;
            }
            fitting = next;
        }
    }

    byte[] raw() {
        return raw.clone();
    }

    int images() {
        return images;
    }

    String describe() {
        return String.format("%,d bytes, %d articles, %d links, %d remote images", raw.length, articles, links, images);
    }

    private static Newsletter build(int count) {
        StringBuilder html = new StringBuilder(resource("head.html"));
        StringBuilder text = new StringBuilder(resource("head.txt"));
        String articleHtml = resource("article.html");
        String articleText = resource("article.txt");
        String imageHtml = resource("article-image.html");
        for (int i = 0; i < count; i++) {
            boolean withImage = i % 4 == 0;
            html.append(fill(articleHtml, i).replace("{image}", withImage ? fill(imageHtml, i) : ""));
            text.append(fill(articleText, i));
        }
        html.append(resource("footer.html"));
        text.append(resource("footer.txt"));
        Document document = Jsoup.parse(html.toString());
        int links = document.select("a[href], area[href]").size();
        int images = document.select("img[src^=http]").size();
        return new Newsletter(message(text.toString(), html.toString()), count, links, images);
    }

    private static String fill(String template, int index) {
        String topic = TOPICS[index % TOPICS.length];
        String slug = topic.toLowerCase(java.util.Locale.ROOT).replace(' ', '-').replace("é", "e");
        return template
                .replace("{n}", Integer.toString(index + 1))
                .replace("{topic}", topic)
                .replace("{slug}", slug)
                .replace("{section}", SECTIONS[index % SECTIONS.length])
                .replace("{percent}", Integer.toString(10 + (index * 7) % 40));
    }

    private static byte[] message(String text, String html) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(html.length() + text.length() + 2048);
        String headers = String.join("\r\n",
                "Return-Path: <news@shop.example.com>",
                "Received: from client.example.net (client.example.net [192.0.2.10])",
                "\tby relay.example.com with ESMTPSA id 4f1a2b3c",
                "\tfor <alice@example.org>; Mon, 3 Mar 2025 09:12:44 +0100",
                "From: Example Shop <news@shop.example.com>",
                "To: Alice <alice@example.org>",
                "Subject: =?UTF-8?Q?Spring_collection_=E2=80=93_up_to_40=25_off?=",
                "Date: Mon, 3 Mar 2025 09:12:40 +0100",
                "Message-ID: <20250303091240.1234@shop.example.com>",
                "MIME-Version: 1.0",
                "List-Unsubscribe: <https://shop.example.com/unsubscribe?u=123>, <mailto:unsub@shop.example.com>",
                "Content-Type: multipart/alternative; boundary=\"" + BOUNDARY + "\"",
                "",
                "This is a multi-part message in MIME format.",
                "",
                "--" + BOUNDARY,
                "Content-Type: text/plain; charset=utf-8",
                "Content-Transfer-Encoding: quoted-printable",
                "",
                "");
        write(out, headers);
        quotedPrintable(out, text);
        write(out, String.join("\r\n",
                "",
                "--" + BOUNDARY,
                "Content-Type: text/html; charset=utf-8",
                "Content-Transfer-Encoding: quoted-printable",
                "",
                ""));
        quotedPrintable(out, html);
        write(out, "\r\n--" + BOUNDARY + "--\r\n");
        return out.toByteArray();
    }

    /** Jakarta Mail's own encoder: soft line breaks at 76 characters, CRLF line ends. */
    private static void quotedPrintable(ByteArrayOutputStream out, String content) {
        String crlf = content.replace("\r\n", "\n").replace("\n", "\r\n");
        try (OutputStream encoder = MimeUtility.encode(new NonClosing(out), "quoted-printable")) {
            encoder.write(crlf.getBytes(StandardCharsets.UTF_8));
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException("quoted-printable encoding failed", e);
        }
    }

    private static void write(ByteArrayOutputStream out, String ascii) {
        out.writeBytes(ascii.getBytes(StandardCharsets.US_ASCII));
    }

    private static String resource(String name) {
        try (var in = Newsletter.class.getResourceAsStream("/newsletter/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing benchmark resource newsletter/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
