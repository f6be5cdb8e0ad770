package org.smtpeter.bounces.control;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds SMTP status codes in report fields and free text: enhanced codes (RFC 3463,
 * {@code class.subject.detail}) and basic reply codes (RFC 5321, three digits).
 */
final class StatusCodes {

    /** class.subject.detail with class 2, 4 or 5; not part of a longer dotted number such as an IP. */
    private static final Pattern ENHANCED =
            Pattern.compile("(?<![\\w.])([245])\\.(\\d{1,3})\\.(\\d{1,3})(?!\\.?\\d)");

    /**
     * A reply code where a reply starts: at the start of a line (optionally after {@code #},
     * {@code '} or an SMTP transcript marker), or after words that introduce a reply ("said:",
     * "returned '", "error:"). Counting sizes or years as codes is what this avoids.
     */
    private static final Pattern BASIC = Pattern.compile(
            "(?im)(?:^[ \\t]*(?:<<<[ \\t]*|#|'|\")?|(?:said|returned|response|reply|replied|error|reason)[ \\t]*:?[ \\t]*['\"#]?|"
                    + "\\bsmtp;[ \\t]*)([245][0-5]\\d)(?=[ -]|$)");

    private StatusCodes() {
    }

    /** The first enhanced status code in the text, normalised (no leading zeros), or null. */
    static String enhanced(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = ENHANCED.matcher(text);
        return m.find() ? normalise(m) : null;
    }

    /** Where the first enhanced code is, or -1. */
    static int enhancedAt(String text) {
        Matcher m = ENHANCED.matcher(text);
        return m.find() ? m.start() : -1;
    }

    /** The first basic reply code in the text, or null. */
    static Integer basic(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = BASIC.matcher(text);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    /** Where the first basic reply code is (its first digit), or -1. */
    static int basicAt(String text) {
        Matcher m = BASIC.matcher(text);
        return m.find() ? m.start(1) : -1;
    }

    /**
     * The enhanced code of an RFC 3464 Status field, whose value may carry RFC 5322 comments
     * ("5.1.1 (bad destination mailbox address)"), or null when it holds none.
     */
    static String statusField(String value) {
        return value == null ? null : enhanced(withoutComments(value));
    }

    /** The class digit of an enhanced code. */
    static int classOf(String enhanced) {
        return enhanced.charAt(0) - '0';
    }

    /** The subject number of an enhanced code. */
    static int subjectOf(String enhanced) {
        return Integer.parseInt(enhanced.split("\\.")[1]);
    }

    /** The detail number of an enhanced code. */
    static int detailOf(String enhanced) {
        return Integer.parseInt(enhanced.split("\\.")[2]);
    }

    /** True for {@code X.0.0}, which says nothing beyond success or failure. */
    static boolean isGeneric(String enhanced) {
        return enhanced.endsWith(".0.0");
    }

    /** The text of a value's RFC 5322 comments, white space collapsed, or null when it has none. */
    static String comment(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder inside = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '(') {
                depth++;
                inside.append(depth > 1 ? "(" : " ");
            } else if (c == ')' && depth > 0) {
                depth--;
                inside.append(depth > 0 ? ")" : " ");
            } else if (depth > 0) {
                inside.append(c);
            }
        }
        String comment = inside.toString().replaceAll("\\s+", " ").strip();
        return comment.isEmpty() ? null : comment;
    }

    /** Removes RFC 5322 comments (parentheses, nesting allowed, backslash escapes). */
    static String withoutComments(String value) {
        if (value.indexOf('(') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        int depth = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && depth > 0) {
                i++;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
                out.append(' ');
            } else if (depth == 0) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String normalise(Matcher m) {
        return m.group(1) + "." + Integer.parseInt(m.group(2)) + "." + Integer.parseInt(m.group(3));
    }
}
