package org.smtpeter.inlining.control;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;

import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

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
 * One {@code <style>} element. Its inlinable style rules are taken out by cutting them from the
 * original text, so everything else stays exactly as written: at-rules such as {@code @media},
 * {@code @font-face} and {@code @import}, rules for selectors that cannot be inlined, comments,
 * and also CSS ph-css cannot read (newer syntax), which a re-serialisation would silently lose.
 * A rule whose source location does not check out is not inlined.
 */
final class StyleBlock {

    /** Only sheets that apply on every screen may be inlined; print or conditional sheets may not. */
    private static final Set<String> INLINABLE_MEDIA = Set.of("", "all", "screen");
    /** A value written over several lines becomes one line in the attribute. */
    private static final Pattern LINE_BREAKS = Pattern.compile("\\s*[\\r\\n]+\\s*");

    private static final ParsedStyleSheets SHEETS =
            new ParsedStyleSheets(css -> CSSReader.readFromStringReader(css, readerSettings()));

    private final Element element;
    private final CssSource source;
    private final CascadingStyleSheet sheet;
    private final List<Cut> cuts = new ArrayList<>();

    private StyleBlock(Element element, CssSource source, CascadingStyleSheet sheet) {
        this.element = element;
        this.source = source;
        this.sheet = sheet;
    }

    /** Empty for style elements we must not touch, and for CSS the parser gives up on entirely. */
    static Optional<StyleBlock> of(Element style) {
        String type = style.attr("type").strip().toLowerCase(Locale.ROOT);
        String media = style.attr("media").strip().toLowerCase(Locale.ROOT);
        if (!(type.isEmpty() || type.equals("text/css")) || !INLINABLE_MEDIA.contains(media)) {
            return Optional.empty();
        }
        String css = style.data();
        return SHEETS.parse(css).map(sheet -> new StyleBlock(style, new CssSource(css), sheet));
    }

    /**
     * Takes the inlinable selectors out of this block's top-level style rules and returns them;
     * {@code order} numbers rules across all blocks of the document.
     */
    List<InlineRule> takeInlinableRules(SourceOrder order) {
        List<InlineRule> taken = new ArrayList<>();
        for (ICSSTopLevelRule topLevel : sheet.getAllRules()) {
            if (topLevel instanceof CSSStyleRule rule) {
                taken.addAll(take(rule, order.next()));
            }
        }
        return taken;
    }

    private List<InlineRule> take(CSSStyleRule rule, int sourceOrder) {
        Optional<CssSource.Range> ruleRange = source.range(rule.getSourceLocation())
                .filter(range -> source.text().charAt(range.end() - 1) == '}');
        if (ruleRange.isEmpty()) {
            return List.of();
        }
        List<InlineRule> inlined = new ArrayList<>();
        List<CssSource.Range> kept = new ArrayList<>();
        int preludeEnd = ruleRange.get().start();
        for (CSSSelector selector : rule.getAllSelectors()) {
            Optional<CssSource.Range> range = source.range(selector.getSourceLocation())
                    .filter(ruleRange.get()::contains);
            if (range.isEmpty()) {
                return List.of();
            }
            preludeEnd = Math.max(preludeEnd, range.get().end());
            Optional<InlinableSelector> inlinable = InlinableSelector.of(selector);
            if (inlinable.isPresent()) {
                inlined.add(new InlineRule(inlinable.get(), sourceOrder, declarations(rule)));
            } else {
                kept.add(range.get());
            }
        }
        if (inlined.isEmpty()) {
            return List.of();
        }
        if (kept.isEmpty()) {
            cuts.add(wholeLines(ruleRange.get()));
        } else {
            // Only the selector list changes; the declaration block stays as written.
            StringJoiner selectors = new StringJoiner(", ");
            kept.forEach(range -> selectors.add(source.text().substring(range.start(), range.end())));
            cuts.add(new Cut(ruleRange.get().start(), preludeEnd, selectors.toString()));
        }
        return inlined;
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

    /** Writes what stays back into the element, drops an emptied one, and keeps it in the head. */
    void writeBack(Document document) {
        if (!cuts.isEmpty()) {
            String remaining = remainingCss();
            if (isBlank(remaining)) {
                element.remove();
                return;
            }
            element.empty().appendChild(new DataNode(remaining));
        }
        if (element.closest("head") == null) {
            // Several clients (Gmail among them) only honour <style> in the head.
            document.head().appendChild(element);
        }
    }

    private String remainingCss() {
        StringBuilder css = new StringBuilder(source.text());
        cuts.stream()
                .sorted(Comparator.comparingInt(Cut::start).reversed())
                .forEach(cut -> css.replace(cut.start(), cut.end(), cut.replacement()));
        return css.toString();
    }

    /** Nothing left but whitespace, comments and the old {@code <!-- -->} hiding markers. */
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

    /** Source order of style rules across all style blocks of one document. */
    static final class SourceOrder {
        private int next;

        int next() {
            return next++;
        }
    }
}
