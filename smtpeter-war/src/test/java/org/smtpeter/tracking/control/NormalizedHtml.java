package org.smtpeter.tracking.control;

import java.util.ArrayList;
import java.util.List;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Whitespace-tolerant comparison form: jsoup's pretty print after collapsing text whitespace.
 * Comments are dropped, so expected fixtures can explain themselves.
 */
final class NormalizedHtml {

    private NormalizedHtml() {
    }

    static String of(String html) {
        Document document = Jsoup.parse(html);
        List<Node> dropped = new ArrayList<>();
        document.traverse((node, depth) -> {
            if (node instanceof Comment) {
                dropped.add(node);
            } else if (node instanceof TextNode text) {
                String collapsed = String.join(" ", text.getWholeText().strip().split("\\s+"));
                if (collapsed.isEmpty()) {
                    dropped.add(text);
                } else {
                    text.text(collapsed);
                }
            }
        });
        dropped.forEach(Node::remove);
        document.outputSettings().prettyPrint(true);
        return document.outerHtml();
    }
}
