package org.smtpeter.inlining.control;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jsoup.nodes.Element;

/**
 * Decides, per element and property, which declaration wins, and writes the winners into the
 * element's style attribute. Precedence, lowest first: style sheet declarations (by specificity,
 * then source order), the element's own inline declarations, style sheet {@code !important}
 * declarations, inline {@code !important} declarations. Winners are written lowest precedence
 * first, so shorthands and longhands interact as they did in the cascade ({@code margin: 0} before
 * a more specific {@code margin-top: 5px}).
 *
 * <p>{@code !important} from the style sheet is not copied into the attribute: it has done its job
 * in the cascade, and kept it would stop {@code @media} rules (which stay in {@code <style>} and
 * use {@code !important} to beat inline styles) from overriding the value on small screens.
 */
final class Cascade {

    private enum Tier { SHEET, INLINE, SHEET_IMPORTANT, INLINE_IMPORTANT }

    private record Candidate(Declaration declaration, Tier tier, Specificity specificity, int sourceOrder,
                             int index) {
    }

    private static final Comparator<Candidate> PRECEDENCE = Comparator.comparing(Candidate::tier)
            .thenComparing(Candidate::specificity)
            .thenComparingInt(Candidate::sourceOrder)
            .thenComparingInt(Candidate::index);

    /** Winners per element, keyed by property. */
    private final Map<Element, Map<String, Candidate>> winners = new IdentityHashMap<>();

    void add(Element element, InlineRule rule) {
        Map<String, Candidate> byProperty = winners.computeIfAbsent(element, e -> new LinkedHashMap<>());
        List<Declaration> declarations = rule.declarations();
        for (int i = 0; i < declarations.size(); i++) {
            Declaration declaration = declarations.get(i);
            Tier tier = declaration.important() ? Tier.SHEET_IMPORTANT : Tier.SHEET;
            offer(byProperty, declaration.property(),
                    new Candidate(declaration, tier, rule.selector().specificity(), rule.sourceOrder(), i));
        }
    }

    /** Merges each matched element's own style attribute with its winners and writes the result. */
    void writeStyles() {
        winners.forEach((element, byProperty) -> {
            List<Declaration> inline = InlineStyle.parse(element.attr("style"));
            for (int i = 0; i < inline.size(); i++) {
                Declaration declaration = inline.get(i);
                Tier tier = declaration.important() ? Tier.INLINE_IMPORTANT : Tier.INLINE;
                // Unreadable pieces are kept under a key of their own.
                String key = declaration.isRaw() ? "\u0000raw" + i : declaration.property();
                offer(byProperty, key, new Candidate(declaration, tier, Specificity.NONE, 0, i));
            }
            List<Declaration> style = new ArrayList<>();
            byProperty.values().stream().sorted(PRECEDENCE).forEach(candidate -> style.add(
                    candidate.tier() == Tier.SHEET_IMPORTANT
                            ? candidate.declaration().withoutImportant()
                            : candidate.declaration()));
            if (!style.isEmpty()) {
                element.attr("style", InlineStyle.write(style));
            }
        });
    }

    private static void offer(Map<String, Candidate> byProperty, String key, Candidate candidate) {
        byProperty.merge(key, candidate, (current, offered) ->
                PRECEDENCE.compare(offered, current) >= 0 ? offered : current);
    }
}
