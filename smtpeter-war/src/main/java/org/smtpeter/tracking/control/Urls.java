package org.smtpeter.tracking.control;

import java.util.Locale;

/** The few URL facts the rewriters need, computed the way a browser reads an attribute value. */
final class Urls {

    private Urls() {
    }

    /**
     * The URL a browser would follow for this attribute value (jsoup has already decoded character
     * references): the WHATWG URL parser strips leading and trailing C0 controls and spaces and
     * drops tabs and newlines anywhere. Everything else (query, fragment, percent-encoding) stays
     * exactly as written.
     */
    static String asBrowserSees(String attributeValue) {
        int start = 0;
        int end = attributeValue.length();
        while (start < end && attributeValue.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && attributeValue.charAt(end - 1) <= ' ') {
            end--;
        }
        StringBuilder url = new StringBuilder(end - start);
        for (int i = start; i < end; i++) {
            char c = attributeValue.charAt(i);
            if (c != '\t' && c != '\n' && c != '\r') {
                url.append(c);
            }
        }
        return url.toString();
    }

    /** Absolute http or https URL with something after the scheme; scheme case does not matter. */
    static boolean isHttp(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return (lower.startsWith("http://") && lower.length() > "http://".length())
                || (lower.startsWith("https://") && lower.length() > "https://".length());
    }

    /** True for the base URL itself and anything below it, e.g. links that are already tracked. */
    static boolean pointsAt(String url, String baseUrl) {
        if (!url.regionMatches(true, 0, baseUrl, 0, baseUrl.length())) {
            return false;
        }
        if (url.length() == baseUrl.length()) {
            return true;
        }
        char next = url.charAt(baseUrl.length());
        return next == '/' || next == '?' || next == '#';
    }
}
