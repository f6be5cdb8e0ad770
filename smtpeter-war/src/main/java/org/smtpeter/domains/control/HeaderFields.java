package org.smtpeter.domains.control;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The fields of a header section as they leave, each with its raw text (folding kept), and
 * their "relaxed" canonical form (RFC 6376 3.4.2). Octets are kept as ISO-8859-1 characters so
 * that 8-bit (UTF-8) headers hash exactly as they are sent.
 */
final class HeaderFields {

    /** One field: its lower-case name and its raw text without the final CRLF. */
    record Field(String name, String raw) {

        /** {@code name:value} with folding undone, runs of whitespace one space, none around the colon or at the end. */
        String relaxed() {
            int colon = raw.indexOf(':');
            String unfolded = raw.substring(colon + 1).replace("\r\n", "").replace("\n", "");
            return name + ":" + unfolded.replaceAll("[ \t]+", " ").strip();
        }

        /** The field's value, unfolded, for reading addresses. */
        String value() {
            return raw.substring(raw.indexOf(':') + 1).replace("\r\n", "").replace("\n", "").strip();
        }
    }

    private HeaderFields() {
    }

    /** The fields up to the first empty line; lines without a colon (not a field) are left out. */
    static List<Field> parse(byte[] head) {
        String text = new String(head, StandardCharsets.ISO_8859_1);
        List<Field> fields = new ArrayList<>();
        StringBuilder current = null;
        for (String line : text.split("\r?\n", -1)) {
            if (line.isEmpty()) {
                break;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && current != null) {
                current.append("\r\n").append(line);
                continue;
            }
            add(fields, current);
            current = new StringBuilder(line);
        }
        add(fields, current);
        return fields;
    }

    private static void add(List<Field> fields, StringBuilder field) {
        if (field == null) {
            return;
        }
        String raw = field.toString();
        int colon = raw.indexOf(':');
        if (colon > 0) {
            fields.add(new Field(raw.substring(0, colon).strip().toLowerCase(Locale.ROOT), raw));
        }
    }
}
