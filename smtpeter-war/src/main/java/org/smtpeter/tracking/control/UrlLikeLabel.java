package org.smtpeter.tracking.control;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The preventscam test: does a link's visible text look like a URL or a domain name?
 *
 * <p>SMTPeter documents "links whose label equals the link are left alone". Mail clients warn
 * whenever a URL-looking label differs from the real target, and after rewriting every such label
 * would differ, so we generalise: the label (whitespace-trimmed, wrapping brackets, quotes and
 * trailing punctuation removed) is URL-like when it has no inner whitespace and either
 * <ul>
 *   <li>starts with a scheme and {@code ://} (any scheme) or with {@code www.}, or</li>
 *   <li>is a host name of at least two labels whose last label is alphabetic (2 to 63 letters, any
 *       script) or punycode, optionally followed by a port and a path, query or fragment:
 *       {@code example.org}, {@code shop.example.co.uk/sale?x=1}, or an IPv4 address likewise.</li>
 * </ul>
 * It does not need to match the href: a label {@code www.bank.com} on a link to elsewhere is left
 * alone too (the client's own warning is then deserved). Labels like {@code Node.js} count as
 * domains; the error is on the side of not tracking a link. E-mail addresses and sentences that
 * merely contain a URL ({@code Visit www.example.com today}) are not URL-like.
 */
final class UrlLikeLabel {

    private static final Pattern SCHEME = Pattern.compile("^[a-z][a-z0-9+.-]*://\\S+$");
    private static final Pattern HOST_AND_PATH = Pattern.compile(
            "^(?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?\\.)+"
                    + "(?:\\p{L}{2,63}|xn--[a-z0-9-]{1,59})"
                    + "(?::\\d{1,5})?"
                    + "(?:[/?#]\\S*)?$");
    private static final Pattern IPV4_AND_PATH = Pattern.compile(
            "^\\d{1,3}(?:\\.\\d{1,3}){3}(?::\\d{1,5})?(?:[/?#]\\S*)?$");
    private static final String OPENERS = "<([{\"'\u201C\u2018\u00AB";
    private static final String CLOSERS = ">)]}\"'\u201D\u2019\u00BB.,;:!?";

    private UrlLikeLabel() {
    }

    static boolean matches(String visibleText) {
        String label = unwrap(visibleText.strip()).toLowerCase(Locale.ROOT);
        if (label.isEmpty() || label.chars().anyMatch(Character::isWhitespace)) {
            return false;
        }
        if (label.startsWith("www.") && label.length() > "www.".length()) {
            return true;
        }
        return SCHEME.matcher(label).matches() || HOST_AND_PATH.matcher(label).matches()
                || IPV4_AND_PATH.matcher(label).matches();
    }

    private static String unwrap(String label) {
        int start = 0;
        int end = label.length();
        while (start < end && OPENERS.indexOf(label.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && CLOSERS.indexOf(label.charAt(end - 1)) >= 0) {
            end--;
        }
        return label.substring(start, end);
    }
}
