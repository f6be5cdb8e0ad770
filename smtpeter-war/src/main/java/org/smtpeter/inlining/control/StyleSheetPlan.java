package org.smtpeter.inlining.control;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.regex.Pattern;

import com.helger.css.ECSSVersion;
import com.helger.css.decl.CSSDeclaration;
import com.helger.css.decl.CSSSelector;
import com.helger.css.decl.CSSStyleRule;
import com.helger.css.decl.CascadingStyleSheet;
import com.helger.css.decl.ICSSTopLevelRule;
import com.helger.css.handler.DoNothingCSSParseExceptionCallback;
import com.helger.css.reader.CSSReader;
import com.helger.css.reader.CSSReaderSettings;
import com.helger.css.reader.errorhandler.DoNothingCSSInterpretErrorHandler;
import com.helger.css.reader.errorhandler.DoNothingCSSParseErrorHandler;

/**
 * What inlining takes out of the text of one style sheet: its inlinable rules, and the CSS that
 * stays. Inlinable style rules are cut from the original text, so everything else stays exactly
 * as written: at-rules such as {@code @media}, {@code @font-face} and {@code @import}, rules for
 * selectors that cannot be inlined, comments, and also CSS ph-css cannot read (newer syntax),
 * which a re-serialisation would silently lose. A rule whose source location does not check out
 * is not inlined.
 *
 * <p>It depends on the text alone, so one plan serves every message of a campaign
 * ({@link ParsedStyleSheets}); it is never changed once made, so threads may share it.
 */
final class StyleSheetPlan {

    /** A value written over several lines becomes one line in the attribute. */
    private static final Pattern LINE_BREAKS = Pattern.compile("\\s*[\\r\\n]+\\s*");

    /** The inlinable selectors of one style rule, numbered by the rule's place among the sheet's style rules. */
    record Rule(int index, List<InlinableSelector> selectors, List<Declaration> declarations) {
        Rule {
            selectors = List.copyOf(selectors);
            declarations = List.copyOf(declarations);
        }
    }

    private final List<Rule> rules;
    private final int styleRuleCount;
    /** Null when nothing was cut: the element stays as it is. */
    private final String remainingCss;
    private final boolean leavesNothing;

    private StyleSheetPlan(List<Rule> rules, int styleRuleCount, String remainingCss) {
        this.rules = List.copyOf(rules);
        this.styleRuleCount = styleRuleCount;
        this.remainingCss = remainingCss;
        this.leavesNothing = remainingCss != null && isBlank(remainingCss);
    }

    /** Null for CSS the parser gives up on entirely. */
    static StyleSheetPlan of(String css) {
        CascadingStyleSheet sheet = CSSReader.readFromStringReader(css, readerSettings());
        return sheet == null ? null : new Builder(new CssSource(css)).build(sheet);
    }

    List<Rule> rules() {
        return rules;
    }

    /** All top-level style rules, inlinable or not: each takes a place in the source order. */
    int styleRuleCount() {
        return styleRuleCount;
    }

    boolean changesCss() {
        return remainingCss != null;
    }

    /** The CSS that stays in the element, when {@link #changesCss()}. */
    String remainingCss() {
        return remainingCss;
    }

    /** Nothing left but whitespace, comments and the old {@code <!-- -->} hiding markers. */
    boolean leavesNothing() {
        return leavesNothing;
    }

    private static final class Builder {
        private final CssSource source;
        private final List<Cut> cuts = new ArrayList<>();

        Builder(CssSource source) {
            this.source = source;
        }

        StyleSheetPlan build(CascadingStyleSheet sheet) {
            List<Rule> rules = new ArrayList<>();
            int index = 0;
            for (ICSSTopLevelRule topLevel : sheet.getAllRules()) {
                if (topLevel instanceof CSSStyleRule rule) {
                    take(rule, index++).ifPresent(rules::add);
                }
            }
            return new StyleSheetPlan(rules, index, cuts.isEmpty() ? null : remainingCss());
        }

        private Optional<Rule> take(CSSStyleRule rule, int index) {
            Optional<CssSource.Range> ruleRange = source.range(rule.getSourceLocation())
                    .filter(range -> source.text().charAt(range.end() - 1) == '}');
            if (ruleRange.isEmpty()) {
                return Optional.empty();
            }
            List<InlinableSelector> inlined = new ArrayList<>();
            List<CssSource.Range> kept = new ArrayList<>();
            int preludeEnd = ruleRange.get().start();
            for (CSSSelector selector : rule.getAllSelectors()) {
                Optional<CssSource.Range> range = source.range(selector.getSourceLocation())
                        .filter(ruleRange.get()::contains);
                if (range.isEmpty()) {
                    return Optional.empty();
                }
                preludeEnd = Math.max(preludeEnd, range.get().end());
                Optional<InlinableSelector> inlinable = InlinableSelector.of(selector);
                if (inlinable.isPresent()) {
                    inlined.add(inlinable.get());
                } else {
                    kept.add(range.get());
                }
            }
            if (inlined.isEmpty()) {
                return Optional.empty();
            }
            if (kept.isEmpty()) {
                cuts.add(wholeLines(ruleRange.get()));
            } else {
                // Only the selector list changes; the declaration block stays as written.
                StringJoiner selectors = new StringJoiner(", ");
                kept.forEach(range -> selectors.add(source.text().substring(range.start(), range.end())));
                cuts.add(new Cut(ruleRange.get().start(), preludeEnd, selectors.toString()));
            }
            return Optional.of(new Rule(index, inlined, declarations(rule)));
        }

        /** A rule alone on its line(s) takes its indentation and line break with it. */
        private Cut wholeLines(CssSource.Range rule) {
            String text = source.text();
            int start = rule.start();
            while (start > 0 && (text.charAt(start - 1) == ' ' || text.charAt(start - 1) == '\t')) {
                start--;
            }
            int end = rule.end();
            while (end < text.length() && (text.charAt(end) == ' ' || text.charAt(end) == '\t')) {
                end++;
            }
            boolean startsLine = start == 0 || text.charAt(start - 1) == '\n' || text.charAt(start - 1) == '\r';
            boolean endsLine = end == text.length() || text.charAt(end) == '\n' || text.charAt(end) == '\r';
            if (!startsLine || !endsLine) {
                return new Cut(rule.start(), rule.end(), "");
            }
            if (text.startsWith("\r\n", end)) {
                end += 2;
            } else if (end < text.length()) {
                end++;
            }
            return new Cut(start, end, "");
        }

        private String remainingCss() {
            StringBuilder css = new StringBuilder(source.text());
            cuts.stream()
                    .sorted(Comparator.comparingInt(Cut::start).reversed())
                    .forEach(cut -> css.replace(cut.start(), cut.end(), cut.replacement()));
            return css.toString();
        }

        private List<Declaration> declarations(CSSStyleRule rule) {
            List<Declaration> declarations = new ArrayList<>();
            for (CSSDeclaration declaration : rule.getAllDeclarations()) {
                declarations.add(Declaration.of(declaration.getProperty(), value(declaration), declaration.isImportant()));
            }
            return declarations;
        }

        /** The value as the author wrote it ({@code 'Open Sans', Arial}), else as ph-css writes it. */
        private String value(CSSDeclaration declaration) {
            return source.range(declaration.getExpression().getSourceLocation())
                    .map(range -> source.text().substring(range.start(), range.end()).strip())
                    .filter(value -> !value.isEmpty())
                    .map(value -> LINE_BREAKS.matcher(value).replaceAll(" "))
                    .orElseGet(declaration::getExpressionAsCSSString);
        }
    }

    private static boolean isBlank(String css) {
        StringBuilder rest = new StringBuilder();
        int i = 0;
        while (i < css.length()) {
            if (css.startsWith("/*", i)) {
                int close = css.indexOf("*/", i + 2);
                i = close < 0 ? css.length() : close + 2;
            } else if (css.startsWith("<!--", i)) {
                i += 4;
            } else if (css.startsWith("-->", i)) {
                i += 3;
            } else {
                rest.append(css.charAt(i++));
            }
        }
        return rest.toString().isBlank();
    }

    /**
     * Browser-compliant: skip what cannot be read and keep going, as browsers do, and stay quiet.
     * Source locations with tab size 1, so columns count chars.
     */
    private static CSSReaderSettings readerSettings() {
        return new CSSReaderSettings()
                .setCSSVersion(ECSSVersion.CSS30)
                .setBrowserCompliantMode(true)
                .setUseSourceLocation(true)
                .setTabSize(1)
                .setCustomErrorHandler(new DoNothingCSSParseErrorHandler())
                .setCustomExceptionHandler(new DoNothingCSSParseExceptionCallback())
                .setInterpretErrorHandler(new DoNothingCSSInterpretErrorHandler());
    }

    /** Replace {@code [start, end)} of the style sheet's text. */
    private record Cut(int start, int end, String replacement) {
    }
}
