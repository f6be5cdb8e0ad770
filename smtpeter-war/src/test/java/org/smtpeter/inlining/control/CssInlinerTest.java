package org.smtpeter.inlining.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CssInlinerTest {

    private static final Path CASES = Path.of("src/test/resources/inlining");

    private final CssInliner inliner = new CssInliner();

    static Stream<String> cases() throws IOException {
        try (Stream<Path> files = Files.list(CASES)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".input.html"))
                    .map(name -> name.substring(0, name.length() - ".input.html".length()))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void inlinesAsTheFixtureExpects(String name) throws IOException {
        String actual = inliner.inline(read(name + ".input.html"));
        assertEquals(NormalizedHtml.of(read(name + ".expected.html")), NormalizedHtml.of(actual));
    }

    /** The second message with a style sheet is inlined from the plan the first one left. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void inlinesTheSameFromTheKeptPlanOnManyThreads(String name) throws Exception {
        String input = read(name + ".input.html");
        String first = inliner.inline(input);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> again = threads.invokeAll(Collections.nCopies(16, () -> inliner.inline(input)));
            for (Future<String> copy : again) {
                assertEquals(first, copy.get());
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(NormalizedHtml.of(read(name + ".expected.html")), NormalizedHtml.of(first));
    }

    @Test
    void hasADozenRealisticCasesAtLeast() throws IOException {
        assertTrue(cases().count() >= 12);
    }

    @Test
    void returnsTheInputItselfWhenThereIsNoStyle() {
        String html = "<html><body><p class=\"x\">No style element</p></body></html>";
        assertSame(html, inliner.inline(html));
    }

    @Test
    void returnsTheInputItselfWhenNothingCanBeInlined() throws IOException {
        String html = read("nothing-to-inline.input.html");
        assertSame(html, inliner.inline(html));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "not html at all { } <<< >>>",
            "<style>p { color: red</style><p>unterminated rule</p>",
            "<style>@media { { { </style><p>x</p>",
            "<style>p:nth-child(foo) { color: red } p { color: blue }</style><p>x</p>",
            "<style>\u0000\uFFFF p { c\u0000lor: red }</style><p>x</p>",
            "<style>p[a=\"x\\\"] { color: red }</style><p a=\"x\">x</p>"})
    void neverThrowsOnBrokenInput(String html) {
        String result = inliner.inline(html);
        assertTrue(result != null);
    }

    @Test
    void staysFastOnDeepMarkupWithAHostileSelector() {
        String hostile = "a ".repeat(2000);
        String html = "<style>div div div div div { color: red } " + hostile + "{ color: blue }</style>"
                + "<div>".repeat(5000) + "deep" + "</div>".repeat(5000);
        String inlined = assertTimeout(Duration.ofSeconds(10), () -> inliner.inline(html));
        Document document = Jsoup.parse(inlined);
        assertEquals("color: red;", document.select("div").last().attr("style"));
        assertTrue(document.selectFirst("style").data().contains("color: blue"), "hostile rule kept, not evaluated");
    }

    @Test
    void givesUpWithinItsTimeBudget() {
        String html = "<style>" + "p { color: red } ".repeat(200) + "</style>" + "<p>x</p>".repeat(20_000);
        assertSame(html, new CssInliner(Duration.ofNanos(1)).inline(html));
    }

    @Test
    void doesNotStyleTheHeadOrScripts() {
        String html = "<html><head><title>t</title><style>* { color: red }</style></head>"
                + "<body><script>var x;</script><p>x</p></body></html>";
        Document document = Jsoup.parse(inliner.inline(html));
        assertTrue(document.select("title[style], head[style], script[style], meta[style]").isEmpty());
        assertEquals("color: red;", document.selectFirst("p").attr("style"));
    }

    private static String read(String file) throws IOException {
        return Files.readString(CASES.resolve(file), StandardCharsets.UTF_8);
    }
}
