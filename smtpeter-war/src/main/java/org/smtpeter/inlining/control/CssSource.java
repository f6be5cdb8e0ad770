package org.smtpeter.inlining.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.helger.css.CSSSourceLocation;

/**
 * The text of one style sheet, to cut inlined rules out of it. ph-css reports where each rule and
 * selector starts and ends as 1-based line and column (tab size 1, so a column is a char); this
 * turns them into string offsets.
 */
final class CssSource {

    private final String text;
    private final List<Integer> lineStarts = new ArrayList<>();

    CssSource(String text) {
        this.text = text;
        lineStarts.add(0);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
                lineStarts.add(i + 1);
            }
        }
    }

    String text() {
        return text;
    }

    /** {@code [start, end)} of the located tokens, if the location is complete and inside the text. */
    Optional<Range> range(CSSSourceLocation location) {
        if (location == null || !location.hasFirstTokenArea() || !location.hasLastTokenArea()) {
            return Optional.empty();
        }
        int start = offset(location.getFirstTokenBeginLineNumber(), location.getFirstTokenBeginColumnNumber());
        int last = offset(location.getLastTokenEndLineNumber(), location.getLastTokenEndColumnNumber());
        if (start < 0 || last < start || last >= text.length()) {
            return Optional.empty();
        }
        return Optional.of(new Range(start, last + 1));
    }

    private int offset(int line, int column) {
        if (line < 1 || line > lineStarts.size() || column < 1) {
            return -1;
        }
        return lineStarts.get(line - 1) + column - 1;
    }

    record Range(int start, int end) {

        boolean contains(Range other) {
            return start <= other.start && other.end <= end;
        }
    }
}
