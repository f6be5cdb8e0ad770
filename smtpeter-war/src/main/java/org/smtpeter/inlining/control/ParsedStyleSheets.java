package org.smtpeter.inlining.control;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import com.helger.css.decl.CascadingStyleSheet;

/**
 * Style sheets already parsed, by their text. Mail comes in campaigns: thousands of messages
 * carry the very same {@code <style>} block, and parsing it is the largest single cost of CSS
 * inlining. The parsed sheets are only ever read, so one may serve several messages at once.
 * Bounded: beyond {@link #CAPACITY} sheets, or for a sheet larger than {@link #MAX_CHARS}, it
 * starts over or does not keep them, so memory stays small whatever clients send.
 */
final class ParsedStyleSheets {

    static final int CAPACITY = 256;
    static final int MAX_CHARS = 64 * 1024;

    private final Map<String, Optional<CascadingStyleSheet>> byText = new ConcurrentHashMap<>();
    private final Function<String, CascadingStyleSheet> parser;

    /** @param parser returns null for CSS it gives up on entirely */
    ParsedStyleSheets(Function<String, CascadingStyleSheet> parser) {
        this.parser = parser;
    }

    Optional<CascadingStyleSheet> parse(String css) {
        if (css.length() > MAX_CHARS) {
            return Optional.ofNullable(parser.apply(css));
        }
        Optional<CascadingStyleSheet> known = byText.get(css);
        if (known != null) {
            return known;
        }
        Optional<CascadingStyleSheet> parsed = Optional.ofNullable(parser.apply(css));
        if (byText.size() >= CAPACITY) {
            byText.clear();
        }
        byText.put(css, parsed);
        return parsed;
    }
}
