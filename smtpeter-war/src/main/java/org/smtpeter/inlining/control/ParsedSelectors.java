package org.smtpeter.inlining.control;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;
import org.jsoup.select.Selector;

/**
 * Selectors already compiled by jsoup, by their text. A campaign's messages share their style
 * sheet ({@link ParsedStyleSheets}), so they also share its selectors, and compiling them again for
 * every message was 1.6 % of the relay's samples in the throughput profile. jsoup's evaluators
 * keep what they remember during a match per thread and forget it when the select is done, so one
 * may serve several messages at once. Bounded like the style sheets: beyond {@link #CAPACITY}
 * selectors it starts over, and a selector longer than {@link #MAX_CHARS} is not kept.
 */
final class ParsedSelectors {

    static final int CAPACITY = 4096;
    static final int MAX_CHARS = 1024;

    private final Map<String, Evaluator> byText = new ConcurrentHashMap<>();

    /** @throws Selector.SelectorParseException for a selector jsoup cannot read (not kept) */
    Evaluator parse(String selector) {
        if (selector.length() > MAX_CHARS) {
            return QueryParser.parse(selector);
        }
        Evaluator known = byText.get(selector);
        if (known != null) {
            return known;
        }
        Evaluator parsed = QueryParser.parse(selector);
        if (byText.size() >= CAPACITY) {
            byText.clear();
        }
        byText.put(selector, parsed);
        return parsed;
    }

    int size() {
        return byText.size();
    }
}
