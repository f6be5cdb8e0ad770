package org.smtpeter.bounces.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits the body of a message/delivery-status or message/feedback-report part into blocks of
 * header-style fields (RFC 3464 section 2.1, RFC 5965 section 3.1): blocks are separated by blank
 * lines, a line starting with white space continues the previous field, names are
 * case-insensitive. Lines that are neither are skipped, so a sloppy report still yields what it can.
 */
final class ReportFields {

    /** One field, name as written, value unfolded with runs of white space collapsed. */
    record Field(String name, String value) {

        /** The lower-case name, for case-insensitive matching. */
        String key() {
            return name.toLowerCase(Locale.ROOT);
        }

        boolean is(String wanted) {
            return name.equalsIgnoreCase(wanted);
        }
    }

    private ReportFields() {
    }

    /** The field blocks of a report body, each non-empty, in order. */
    static List<List<Field>> blocks(String text) {
        List<List<Field>> blocks = new ArrayList<>();
        List<StringBuilder> current = new ArrayList<>();
        for (String line : text.split("\r\n|\r|\n", -1)) {
            if (line.isBlank()) {
                addBlock(blocks, current);
                current = new ArrayList<>();
            } else if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && !current.isEmpty()) {
                current.get(current.size() - 1).append(' ').append(line.strip());
            } else {
                current.add(new StringBuilder(line));
            }
        }
        addBlock(blocks, current);
        return blocks;
    }

    /** All fields of all blocks, in order (for single-block reports such as ARF). */
    static List<Field> all(String text) {
        return blocks(text).stream().flatMap(List::stream).toList();
    }

    /** The first value of a field in a block, or null. */
    static String first(List<Field> fields, String name) {
        return fields.stream().filter(f -> f.is(name)).map(Field::value).findFirst().orElse(null);
    }

    /** All values of a field in a block. */
    static List<String> values(List<Field> fields, String name) {
        return fields.stream().filter(f -> f.is(name)).map(Field::value).toList();
    }

    private static void addBlock(List<List<Field>> blocks, List<StringBuilder> lines) {
        List<Field> fields = new ArrayList<>();
        for (StringBuilder line : lines) {
            int colon = line.indexOf(":");
            String name = colon > 0 ? line.substring(0, colon).strip() : "";
            // A field name is printable ASCII without spaces (RFC 5322 ftext); anything else is noise.
            if (!name.isEmpty() && name.chars().allMatch(c -> c > 32 && c < 127)) {
                fields.add(new Field(name, line.substring(colon + 1).strip().replaceAll("\\s+", " ")));
            }
        }
        if (!fields.isEmpty()) {
            blocks.add(fields);
        }
    }
}
