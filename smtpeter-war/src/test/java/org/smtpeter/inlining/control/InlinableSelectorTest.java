package org.smtpeter.inlining.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.helger.css.ECSSVersion;
import com.helger.css.decl.CascadingStyleSheet;
import com.helger.css.reader.CSSReader;

class InlinableSelectorTest {

    /**
     * selector -> ids,classes,types, or "kept" for selectors that stay in the style element.
     * jsoup does not read upper-case pseudo-class names, so those are kept rather than guessed at.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " -> ", value = {
            "p -> 0,0,1",
            "* -> 0,0,0",
            ".a -> 0,1,0",
            "#x -> 1,0,0",
            "div p -> 0,0,2",
            "div > p.lead -> 0,1,2",
            "h1 + p ~ ul -> 0,0,3",
            "a[href^=\"https\"] -> 0,1,1",
            "#main table td.cell#x -> 2,1,2",
            "li:first-child -> 0,1,1",
            "li:nth-child(2n+1) -> 0,1,1",
            "td:LAST-CHILD -> kept",
            "p:not(.intro) -> 0,1,1",
            "p:not(#x) -> 1,0,1",
            "a:hover -> kept",
            "a:visited -> kept",
            "input:focus -> kept",
            "p::first-line -> kept",
            "p:before -> kept",
            "p:after -> kept",
            "p:not(:hover) -> kept",
            ":is(h1, h2) -> kept",
            "div:has(img) -> kept",
            "svg|rect -> kept",
            "a b c d e f g h i j k l m n o p q -> 0,0,17",
            "a b c d e f g h i j k l m n o p q r -> kept"})
    void decidesInlinabilityAndSpecificity(String selector, String expected) {
        CascadingStyleSheet sheet = CSSReader.readFromString(selector + " { color: red }", ECSSVersion.CSS30);
        Optional<InlinableSelector> inlinable = sheet == null || sheet.getStyleRuleCount() == 0
                ? Optional.empty()
                : InlinableSelector.of(sheet.getStyleRuleAtIndex(0).getSelectorAtIndex(0));
        assertEquals(expected, inlinable.map(s -> s.specificity().ids() + "," + s.specificity().classes() + ","
                + s.specificity().types()).orElse("kept"));
    }
}
