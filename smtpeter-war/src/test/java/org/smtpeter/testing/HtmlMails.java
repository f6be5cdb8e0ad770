package org.smtpeter.testing;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** HTML test mail with one link, so that click and open tracking have something to rewrite. */
public final class HtmlMails {

    public static final String LINK = "https://shop.example.com/offer?id=42";

    private static final Pattern TRACKED_CLICK = Pattern.compile("href=\"(http://127\\.0\\.0\\.1:\\d+/t/c/[A-Za-z0-9_-]+)\"");
    private static final Pattern TRACKED_OPEN = Pattern.compile("src=\"(http://127\\.0\\.0\\.1:\\d+/t/o/[A-Za-z0-9_-]+)\"");

    private HtmlMails() {
    }

    public static byte[] withLink(String from, String to, String subject) {
        return ("From: <" + from + ">\r\n"
                + "To: <" + to + ">\r\n"
                + "Subject: " + subject + "\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/html; charset=UTF-8\r\n"
                + "\r\n"
                + "<html><body><p>Our <a href=\"" + LINK + "\">offer</a>.</p></body></html>\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The tracked link in the copy the next hop received. */
    public static String trackedLink(String arrived) {
        return first(TRACKED_CLICK, arrived);
    }

    /** The open-tracking pixel in the copy the next hop received. */
    public static String pixel(String arrived) {
        return first(TRACKED_OPEN, arrived);
    }

    private static String first(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new AssertionError("no " + pattern + " in: " + text);
        }
        return matcher.group(1);
    }
}
