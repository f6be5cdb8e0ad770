package org.smtpeter.inlining.control;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
import org.jsoup.select.Selector;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Copies the rules of {@code <style>} elements into the {@code style} attributes of the elements
 * they match, because many mail clients drop or ignore head CSS. The cascade is respected
 * ({@link Cascade}); rules that cannot be inlined stay in a {@code <style>} in the head
 * ({@link StyleBlock}, {@link InlinableSelector}). Never throws: on any failure the HTML is
 * returned as it was.
 */
@ApplicationScoped
public class CssInliner {

    private static final Logger LOG = Logger.getLogger(CssInliner.class.getName());
    /** Compiled once: jsoup compiles a query given as text again at every select. */
    private static final Evaluator STYLE_ELEMENTS = Selector.evaluatorOf("style");

    /** Generous for any real mail (a 100 KB newsletter takes milliseconds); a hostile one gives up. */
    static final Duration DEFAULT_BUDGET = Duration.ofSeconds(5);

    private final Duration budget;

    public CssInliner() {
        this(DEFAULT_BUDGET);
    }

    /** With a time budget per document, after which the HTML is returned as it was. */
    CssInliner(Duration budget) {
        this.budget = budget;
    }

    /** The inlined HTML, or the input itself when there was nothing to inline or inlining failed. */
    public String inline(String html) {
        try {
            Document document = Jsoup.parse(html);
            if (!inlineDocument(document, System.nanoTime() + budget.toNanos())) {
                return html;
            }
            document.outputSettings().prettyPrint(false);
            return document.outerHtml();
        } catch (OverBudget e) {
            LOG.warning(() -> "CSS inlining took longer than " + budget + ", HTML left as it was");
            return html;
        } catch (RuntimeException | StackOverflowError e) {
            // StackOverflowError too: deeply nested input can exhaust a recursive parser, and a
            // message must never be lost to its styling.
            LOG.log(Level.FINE, "CSS inlining failed, HTML left as it was", e);
            return html;
        }
    }

    /**
     * Inlines in place, for callers that parse and write the document themselves. Throws when it
     * fails or runs over its budget, possibly after changing the document: the caller then
     * starts again from the original HTML without this step.
     *
     * @return whether the document changed
     */
    public boolean inline(Document document) {
        try {
            return inlineDocument(document, System.nanoTime() + budget.toNanos());
        } catch (OverBudget e) {
            throw new IllegalStateException("took longer than " + budget);
        }
    }

    private static boolean inlineDocument(Document document, long deadline) {
        List<StyleBlock> blocks = document.select(STYLE_ELEMENTS).stream()
                .map(StyleBlock::of)
                .flatMap(Optional::stream)
                .toList();
        StyleBlock.SourceOrder order = new StyleBlock.SourceOrder();
        List<InlineRule> rules = new ArrayList<>();
        for (StyleBlock block : blocks) {
            rules.addAll(block.takeInlinableRules(order));
        }
        if (rules.isEmpty()) {
            return false;
        }
        Cascade cascade = new Cascade();
        for (InlineRule rule : rules) {
            if (System.nanoTime() > deadline) {
                throw new OverBudget();
            }
            for (Element element : document.select(rule.selector().evaluator())) {
                if (canCarryStyle(element)) {
                    cascade.add(element, rule);
                }
            }
        }
        cascade.writeStyles();
        blocks.forEach(block -> block.writeBack(document));
        return true;
    }

    private static final class OverBudget extends RuntimeException {
        OverBudget() {
            super(null, null, false, false);
        }
    }

    /** The head, scripts and styles render nothing; a style attribute there is noise. */
    private static boolean canCarryStyle(Element element) {
        for (Element current = element; current != null; current = current.parent()) {
            switch (current.normalName()) {
                case "#root":
                    return current != element;
                case "head", "script", "style", "template", "noscript":
                    return false;
                default:
                    break;
            }
        }
        return true;
    }
}
