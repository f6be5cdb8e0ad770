package org.smtpeter.inlining.control;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Style sheets already parsed, by their text. Mail comes in campaigns: thousands of messages
 * carry the very same {@code <style>} block, and parsing it is the largest single cost of CSS
 * inlining; what is made of it ({@link StyleSheetPlan}) depends on the text alone too. The parsed
 * sheets are only ever read, so one may serve several messages at once.
 * Bounded: beyond {@link #CAPACITY} sheets, or for a sheet larger than {@link #MAX_CHARS}, it
 * starts over or does not keep them, so memory stays small whatever clients send.
 */
final class ParsedStyleSheets<T> {

    static final int CAPACITY = 256;
    static final int MAX_CHARS = 64 * 1024;

    private final Map<String, Optional<T>> byText = new ConcurrentHashMap<>();
    private final Function<String, T> parser;

    /** @param parser returns null for CSS it gives up on entirely */
    ParsedStyleSheets(Function<String, T> parser) {
        this.parser = parser;
    }

    Optional<T> parse(String css) {
        if (css.length() > MAX_CHARS) {
            return Optional.ofNullable(parser.apply(css));
        }
        Optional<T> known = byText.get(css);
        if (known != null) {
            return known;
        }
        Optional<T> parsed = Optional.ofNullable(parser.apply(css));
        if (byText.size() >= CAPACITY) {
            byText.clear();
        }
        byText.put(css, parsed);
        return parsed;
    }
}
