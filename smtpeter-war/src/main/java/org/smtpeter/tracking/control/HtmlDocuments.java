package org.smtpeter.tracking.control;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/** Parsing and writing HTML the same way for every HTML feature. */
public final class HtmlDocuments {

    private HtmlDocuments() {
    }

    public static Document parse(String html) {
        return Jsoup.parse(html);
    }

    /** No pretty printing: whitespace is content in mail HTML (and in pre, and between inline images). */
    public static String write(Document document) {
        document.outputSettings().prettyPrint(false);
        return document.outerHtml();
    }
}
