package org.smtpeter.inlining.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.select.Evaluator;
import org.jsoup.select.Selector;
import org.junit.jupiter.api.Test;

class ParsedSelectorsTest {

    private final ParsedSelectors selectors = new ParsedSelectors();

    @Test
    void theSameSelectorIsCompiledOnce() {
        assertSame(selectors.parse("td.content > p a"), selectors.parse("td.content > p a"));
    }

    @Test
    void aSelectorJsoupCannotReadIsRefusedEachTimeAndNotKept() {
        assertThrows(Selector.SelectorParseException.class, () -> selectors.parse("p:unknown-thing(("));
        assertThrows(Selector.SelectorParseException.class, () -> selectors.parse("p:unknown-thing(("));
        assertEquals(0, selectors.size());
    }

    @Test
    void longSelectorsAreNotKept() {
        String longSelector = "p" + ".c".repeat(ParsedSelectors.MAX_CHARS);
        assertNotSame(selectors.parse(longSelector), selectors.parse(longSelector));
    }

    @Test
    void beyondCapacityItStartsOverRatherThanGrow() {
        for (int i = 0; i <= ParsedSelectors.CAPACITY; i++) {
            selectors.parse("p.c" + i);
        }
        assertTrue(selectors.size() <= ParsedSelectors.CAPACITY, "kept " + selectors.size());
    }

    /** The reason sharing is safe: what a structural evaluator remembers while matching is its thread's alone. */
    @Test
    void oneEvaluatorMatchesDifferentDocumentsOnSeveralThreadsAtOnce() throws Exception {
        Evaluator shared = selectors.parse("table td > p a");
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> counts = new ArrayList<>();
            for (int task = 0; task < 64; task++) {
                int links = 1 + task % 7;
                counts.add(threads.submit(() -> {
                    int matched = 0;
                    for (int round = 0; round < 50; round++) {
                        matched = document(links).select(shared).size();
                    }
                    return matched;
                }));
            }
            for (int task = 0; task < 64; task++) {
                assertEquals(1 + task % 7, counts.get(task).get(30, TimeUnit.SECONDS), "task " + task);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** {@code links} links inside a paragraph of a cell, and as many outside one that must not match. */
    private static Document document(int links) {
        StringBuilder html = new StringBuilder("<table><tr><td><p>");
        html.append("<a href='https://example.com/in'>in</a>".repeat(links));
        html.append("</p><div>").append("<a href='https://example.com/out'>out</a>".repeat(links)).append("</div>");
        html.append("</td></tr></table>");
        return Jsoup.parse(html.toString());
    }
}
