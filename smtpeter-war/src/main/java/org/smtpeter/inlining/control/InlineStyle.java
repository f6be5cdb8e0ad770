package org.smtpeter.inlining.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads and writes {@code style} attribute values. A small hand-written splitter rather than the
 * CSS parser, because authors' inline styles often hold things a strict parser drops (mso-*
 * properties, IE filters, hacks) and those must survive exactly.
 */
final class InlineStyle {

    private InlineStyle() {
    }

    /** Declarations in written order; pieces without a property become raw declarations. */
    static List<Declaration> parse(String style) {
        List<Declaration> declarations = new ArrayList<>();
        for (String piece : splitTopLevel(style, ';')) {
            if (piece.isBlank()) {
                continue;
            }
            int colon = indexOfTopLevel(piece, ':');
            if (colon <= 0 || piece.substring(0, colon).isBlank() || piece.substring(colon + 1).isBlank()) {
                declarations.add(Declaration.raw(piece));
                continue;
            }
            String value = piece.substring(colon + 1).strip();
            boolean important = false;
            int bang = value.lastIndexOf('!');
            if (bang >= 0 && value.substring(bang + 1).strip().toLowerCase(Locale.ROOT).equals("important")) {
                important = true;
                value = value.substring(0, bang).strip();
            }
            declarations.add(Declaration.of(piece.substring(0, colon), value, important));
        }
        return declarations;
    }

    /** {@code a: b; c: d !important;} */
    static String write(List<Declaration> declarations) {
        StringBuilder style = new StringBuilder();
        for (Declaration declaration : declarations) {
            if (!style.isEmpty()) {
                style.append(' ');
            }
            style.append(declaration.write());
        }
        return style.toString();
    }

    private static List<String> splitTopLevel(String text, char separator) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        int index;
        while ((index = indexOfTopLevel(text, separator, start)) >= 0) {
            pieces.add(text.substring(start, index));
            start = index + 1;
        }
        pieces.add(text.substring(start));
        return pieces;
    }

    private static int indexOfTopLevel(String text, char wanted) {
        return indexOfTopLevel(text, wanted, 0);
    }

    /** Skips quoted strings, escapes and parentheses, e.g. the ';' in {@code url("a;b")}. */
    private static int indexOfTopLevel(String text, char wanted, int from) {
        int depth = 0;
        char quote = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (c == wanted && depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
