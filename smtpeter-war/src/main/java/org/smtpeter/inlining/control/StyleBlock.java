package org.smtpeter.inlining.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * One {@code <style>} element of a message, with the plan for its text ({@link StyleSheetPlan}):
 * its inlinable rules are taken out, and what stays is written back.
 */
final class StyleBlock {

    /** Only sheets that apply on every screen may be inlined; print or conditional sheets may not. */
    private static final Set<String> INLINABLE_MEDIA = Set.of("", "all", "screen");

    private static final ParsedStyleSheets<StyleSheetPlan> PLANS = new ParsedStyleSheets<>(StyleSheetPlan::of);

    private final Element element;
    private final StyleSheetPlan plan;

    private StyleBlock(Element element, StyleSheetPlan plan) {
        this.element = element;
        this.plan = plan;
    }

    /** Empty for style elements we must not touch, and for CSS the parser gives up on entirely. */
    static Optional<StyleBlock> of(Element style) {
        String type = style.attr("type").strip().toLowerCase(Locale.ROOT);
        String media = style.attr("media").strip().toLowerCase(Locale.ROOT);
        if (!(type.isEmpty() || type.equals("text/css")) || !INLINABLE_MEDIA.contains(media)) {
            return Optional.empty();
        }
        return PLANS.parse(style.data()).map(plan -> new StyleBlock(style, plan));
    }

    /**
     * The inlinable rules of this block; {@code order} numbers style rules across all blocks of
     * the document.
     */
    List<InlineRule> takeInlinableRules(SourceOrder order) {
        int first = order.take(plan.styleRuleCount());
        List<InlineRule> taken = new ArrayList<>();
        for (StyleSheetPlan.Rule rule : plan.rules()) {
            for (InlinableSelector selector : rule.selectors()) {
                taken.add(new InlineRule(selector, first + rule.index(), rule.declarations()));
            }
        }
        return taken;
    }

    /** Writes what stays back into the element, drops an emptied one, and keeps it in the head. */
    void writeBack(Document document) {
        if (plan.leavesNothing()) {
            element.remove();
            return;
        }
        if (plan.changesCss()) {
            element.empty().appendChild(new DataNode(plan.remainingCss()));
        }
        if (element.closest("head") == null) {
            // Several clients (Gmail among them) only honour <style> in the head.
            document.head().appendChild(element);
        }
    }

    /** Source order of style rules across all style blocks of one document. */
    static final class SourceOrder {
        private int next;

        /** Places for {@code count} rules; @return the first of them */
        int take(int count) {
            int first = next;
            next += count;
            return first;
        }
    }
}
