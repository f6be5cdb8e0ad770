package org.smtpeter.inlining.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.helger.css.CSSSourceArea;
import com.helger.css.CSSSourceLocation;

class CssSourceTest {

    @Test
    void mapsLinesAndColumnsOverEveryKindOfLineBreak() {
        CssSource source = new CssSource("a{}\r\nb{}\rc{}\n\td{}");
        assertEquals("b{}", slice(source, 2, 1, 2, 3));
        assertEquals("c{}", slice(source, 3, 1, 3, 3));
        assertEquals("d{}", slice(source, 4, 2, 4, 4));
    }

    @Test
    void rejectsLocationsOutsideTheText() {
        CssSource source = new CssSource("a{}");
        assertEquals(Optional.empty(), source.range(location(1, 1, 1, 4)));
        assertEquals(Optional.empty(), source.range(location(2, 1, 2, 1)));
        assertEquals(Optional.empty(), source.range(null));
    }

    private static String slice(CssSource source, int line, int column, int endLine, int endColumn) {
        CssSource.Range range = source.range(location(line, column, endLine, endColumn)).orElseThrow();
        return source.text().substring(range.start(), range.end());
    }

    private static CSSSourceLocation location(int line, int column, int endLine, int endColumn) {
        return new CSSSourceLocation(new CSSSourceArea(line, column, line, column),
                new CSSSourceArea(endLine, endColumn, endLine, endColumn));
    }
}
