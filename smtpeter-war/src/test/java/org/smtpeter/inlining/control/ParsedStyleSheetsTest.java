package org.smtpeter.inlining.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.helger.css.decl.CascadingStyleSheet;

class ParsedStyleSheetsTest {

    private final AtomicInteger parses = new AtomicInteger();
    private final ParsedStyleSheets<CascadingStyleSheet> sheets = new ParsedStyleSheets<>(css -> {
        parses.incrementAndGet();
        return css.contains("unparseable") ? null : new CascadingStyleSheet();
    });

    @Test
    void theSameTextIsParsedOnce() {
        CascadingStyleSheet first = sheets.parse("p { color: red }").orElseThrow();

        assertSame(first, sheets.parse("p { color: red }").orElseThrow());
        assertEquals(1, parses.get());
    }

    @Test
    void cssTheParserGivesUpOnIsRememberedAsSuch() {
        assertTrue(sheets.parse("unparseable").isEmpty());
        assertTrue(sheets.parse("unparseable").isEmpty());
        assertEquals(1, parses.get());
    }

    @Test
    void hugeSheetsAreNotKept() {
        String huge = "p { color: red }".repeat(ParsedStyleSheets.MAX_CHARS / 10);
        sheets.parse(huge);
        sheets.parse(huge);
        assertEquals(2, parses.get());
    }

    @Test
    void beyondCapacityItStartsOverRatherThanGrow() {
        for (int i = 0; i <= ParsedStyleSheets.CAPACITY; i++) {
            sheets.parse("p.c" + i + " { color: red }");
        }
        sheets.parse("p.c0 { color: red }");
        assertEquals(ParsedStyleSheets.CAPACITY + 2, parses.get(), "the first was forgotten when it started over");
    }
}
