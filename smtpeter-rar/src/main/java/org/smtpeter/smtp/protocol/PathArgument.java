package org.smtpeter.smtp.protocol;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The argument of MAIL FROM and RCPT TO: a path in angle brackets followed by ESMTP
 * parameters ({@code KEY=VALUE} or {@code KEY}). Keys are upper-cased; values are kept.
 */
record PathArgument(String address, Map<String, String> parameters) {

    private static final int MAX_PATH = 256;

    /**
     * @param argument  text after the verb, for example {@code FROM:<a@example.com> SIZE=100}
     * @param keyword   FROM or TO
     * @param allowNull whether {@code <>} is acceptable (MAIL FROM only)
     */
    static PathArgument parse(String argument, String keyword, boolean allowNull)
            throws InvalidCommandException {
        String prefix = keyword + ":";
        if (!argument.regionMatches(true, 0, prefix, 0, prefix.length())) {
            throw new InvalidCommandException(Replies.syntax("Syntax: " + usage(keyword)));
        }
        String rest = argument.substring(prefix.length()).stripLeading();
        if (!rest.startsWith("<")) {
            throw new InvalidCommandException(Replies.syntax("Syntax: " + usage(keyword) + " (angle brackets required)"));
        }
        int close = rest.indexOf('>');
        if (close < 0) {
            throw new InvalidCommandException(Replies.syntax("Syntax: " + usage(keyword) + " (missing '>')"));
        }
        String path = rest.substring(1, close);
        String address = validateAddress(stripSourceRoute(path), allowNull);
        String afterPath = rest.substring(close + 1);
        if (!afterPath.isEmpty() && afterPath.charAt(0) != ' ') {
            throw new InvalidCommandException(Replies.syntax("Syntax: " + usage(keyword) + " (space needed before parameters)"));
        }
        Map<String, String> parameters = parseParameters(afterPath);
        return new PathArgument(address, parameters);
    }

    private static String usage(String keyword) {
        return "FROM".equals(keyword) ? "MAIL FROM:<address> [parameters]" : "RCPT TO:<address> [parameters]";
    }

    /** RFC 5321 4.1.1.3: source routes must be accepted and ignored. */
    private static String stripSourceRoute(String path) {
        if (path.startsWith("@")) {
            int colon = path.indexOf(':');
            return colon < 0 ? path : path.substring(colon + 1);
        }
        return path;
    }

    private static String validateAddress(String address, boolean allowNull)
            throws InvalidCommandException {
        if (address.isEmpty()) {
            if (allowNull) {
                return "";
            }
            throw new InvalidCommandException(Replies.badAddress("An empty address is not allowed here"));
        }
        if (address.length() > MAX_PATH) {
            throw new InvalidCommandException(Replies.badAddress("Address too long"));
        }
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1) {
            throw new InvalidCommandException(Replies.badAddress("Address must be local-part@domain"));
        }
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c <= ' ' || c == 0x7f || c == '<' || c == '>') {
                throw new InvalidCommandException(Replies.badAddress("Invalid character in address"));
            }
        }
        String domain = address.substring(at + 1);
        if (domain.startsWith(".") || domain.endsWith(".") || domain.contains("..")) {
            throw new InvalidCommandException(Replies.badAddress("Invalid domain in address"));
        }
        return address;
    }

    /** Whether the address needs SMTPUTF8 (RFC 6531). */
    boolean isInternationalized() {
        return address.chars().anyMatch(c -> c > 0x7f);
    }

    private static Map<String, String> parseParameters(String text) throws InvalidCommandException {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String token : text.strip().split(" +")) {
            if (token.isEmpty()) {
                continue;
            }
            int equals = token.indexOf('=');
            String key = (equals < 0 ? token : token.substring(0, equals)).toUpperCase(Locale.ROOT);
            String value = equals < 0 ? null : token.substring(equals + 1);
            if (key.isEmpty() || (value != null && value.isEmpty())) {
                throw new InvalidCommandException(Replies.syntax("Malformed parameter " + token));
            }
            if (parameters.containsKey(key)) {
                throw new InvalidCommandException(Replies.syntax("Duplicate parameter " + key));
            }
            parameters.put(key, value);
        }
        return parameters;
    }
}
