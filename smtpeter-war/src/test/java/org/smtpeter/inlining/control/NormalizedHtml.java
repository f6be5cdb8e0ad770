package org.smtpeter.inlining.control;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

import org.jsoup.Jsoup;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;

/**
 * Whitespace-tolerant comparison form, in the spirit of premailer's {@code compare_html}: jsoup's
 * pretty print after collapsing whitespace in text, in style attributes and in style sheets.
 * Declaration order in style attributes still counts (it decides shorthand versus longhand).
 */
final class NormalizedHtml {

    private NormalizedHtml() {
    }

    static String of(String html) {
        Document document = Jsoup.parse(html);
        List<TextNode> blank = new ArrayList<>();
        document.traverse((node, depth) -> {
            if (node instanceof TextNode text) {
                String collapsed = collapse(text.getWholeText());
                if (collapsed.isEmpty()) {
                    blank.add(text);
                } else {
                    text.text(collapsed);
                }
            } else if (node instanceof DataNode data && data.parent() != null
                    && data.parent().normalName().equals("style")) {
                data.setWholeData(css(data.getWholeData()));
            }
        });
        blank.forEach(TextNode::remove);
        for (Element element : document.select("[style]")) {
            element.attr("style", style(element.attr("style")));
        }
        document.outputSettings().prettyPrint(true);
        return document.outerHtml();
    }

    private static String collapse(String text) {
        return String.join(" ", text.strip().split("\\s+"));
    }

    private static String style(String style) {
        StringJoiner declarations = new StringJoiner("; ");
        for (String declaration : style.split(";")) {
            String collapsed = collapse(declaration);
            if (!collapsed.isEmpty()) {
                declarations.add(collapsed.replaceAll("\\s*:\\s*", ": "));
            }
        }
        return declarations.toString();
    }

    private static String css(String css) {
        return collapse(css).replaceAll("\\s*([{};:,>])\\s*", "$1").replace(";}", "}");
    }
}
