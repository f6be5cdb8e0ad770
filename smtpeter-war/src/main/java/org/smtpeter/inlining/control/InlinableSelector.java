package org.smtpeter.inlining.control;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.jsoup.select.Evaluator;
import org.jsoup.select.Selector;

import com.helger.css.ECSSVersion;
import com.helger.css.decl.CSSSelector;
import com.helger.css.decl.CSSSelectorAttribute;
import com.helger.css.decl.CSSSelectorMemberNot;
import com.helger.css.decl.CSSSelectorSimpleMember;
import com.helger.css.decl.ECSSSelectorCombinator;
import com.helger.css.decl.ICSSSelectorMember;
import com.helger.css.writer.CSSWriterSettings;

/**
 * A selector whose matches do not change once the mail is open, so its declarations can move into
 * style attributes. Inlinable: type, universal, class, id and attribute selectors, all combinators,
 * {@code :not()} of those, and the structural pseudo-classes jsoup evaluates exactly as browsers do
 * ({@code :first-child}, {@code :nth-of-type(2n+1)}, ...). Not inlinable: state pseudo-classes
 * ({@code :hover}, {@code :visited}, {@code :focus}, ...), pseudo-elements, anything else ph-css
 * parses but we do not know, anything jsoup cannot parse, and selectors with more than
 * {@value #MAX_COMBINATORS} combinators.
 */
record InlinableSelector(String text, Evaluator evaluator, Specificity specificity) {

    private static final CSSWriterSettings WRITER = new CSSWriterSettings(ECSSVersion.CSS30, true);
    private static final ParsedSelectors SELECTORS = new ParsedSelectors();

    private static final Set<String> STRUCTURAL_PSEUDO_CLASSES = Set.of(
            "first-child", "last-child", "only-child", "first-of-type", "last-of-type", "only-of-type",
            "nth-child", "nth-last-child", "nth-of-type", "nth-last-of-type");

    /**
     * Real selectors have a handful of combinators; jsoup's matching of long descendant chains is
     * superlinear, so a hostile {@code a a a ... a} over deep markup could stall the relay.
     */
    static final int MAX_COMBINATORS = 16;

    /** CSS2 allowed these pseudo-elements with a single colon. */
    private static final Set<String> LEGACY_PSEUDO_ELEMENTS = Set.of(
            "before", "after", "first-line", "first-letter");

    static Optional<InlinableSelector> of(CSSSelector selector) {
        Optional<Specificity> specificity = specificityIfInlinable(selector);
        if (specificity.isEmpty()) {
            return Optional.empty();
        }
        String text = selector.getAsCSSString(WRITER, 0);
        try {
            return Optional.of(new InlinableSelector(text, SELECTORS.parse(text), specificity.get()));
        } catch (Selector.SelectorParseException | IllegalArgumentException unsupportedByJsoup) {
            return Optional.empty();
        }
    }

    private static Optional<Specificity> specificityIfInlinable(CSSSelector selector) {
        Specificity specificity = Specificity.NONE;
        int combinators = 0;
        for (ICSSSelectorMember member : selector.getAllMembers()) {
            if (member instanceof ECSSSelectorCombinator) {
                if (++combinators > MAX_COMBINATORS) {
                    return Optional.empty();
                }
                continue;
            }
            if (member instanceof CSSSelectorAttribute) {
                specificity = specificity.plusClass();
            } else if (member instanceof CSSSelectorSimpleMember simple) {
                Optional<Specificity> simpleSpecificity = simple(simple, specificity);
                if (simpleSpecificity.isEmpty()) {
                    return Optional.empty();
                }
                specificity = simpleSpecificity.get();
            } else if (member instanceof CSSSelectorMemberNot not) {
                // :not() counts as its most specific argument (Selectors Level 4).
                Specificity strongest = Specificity.NONE;
                for (CSSSelector argument : not.getAllSelectors()) {
                    Optional<Specificity> argumentSpecificity = specificityIfInlinable(argument);
                    if (argumentSpecificity.isEmpty()) {
                        return Optional.empty();
                    }
                    strongest = Specificity.max(strongest, argumentSpecificity.get());
                }
                specificity = specificity.plus(strongest);
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(specificity);
    }

    private static Optional<Specificity> simple(CSSSelectorSimpleMember member, Specificity specificity) {
        String value = member.getValue();
        if (member.isHash()) {
            return Optional.of(specificity.plusId());
        }
        if (member.isClass()) {
            return Optional.of(specificity.plusClass());
        }
        if (member.isPseudo()) {
            if (value.startsWith("::")) {
                return Optional.empty();
            }
            String name = pseudoName(value);
            if (LEGACY_PSEUDO_ELEMENTS.contains(name) || !STRUCTURAL_PSEUDO_CLASSES.contains(name)) {
                return Optional.empty();
            }
            return Optional.of(specificity.plusClass());
        }
        if (value.equals("*")) {
            return Optional.of(specificity);
        }
        if (value.contains("|")) {
            return Optional.empty(); // namespaces mean nothing in mail HTML
        }
        return Optional.of(specificity.plusType());
    }

    private static String pseudoName(String value) {
        String name = value.substring(1);
        int parenthesis = name.indexOf('(');
        return (parenthesis < 0 ? name : name.substring(0, parenthesis)).toLowerCase(Locale.ROOT);
    }
}
