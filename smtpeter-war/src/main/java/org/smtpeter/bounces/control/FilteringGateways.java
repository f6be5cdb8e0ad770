package org.smtpeter.bounces.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Whether a bounce comes from a content-filtering gateway (McAfee, SurfControl, MailFoundry, ...),
 * by the marks in {@code filtering-gateways.tsv}. Such a gateway answers "no such user" for what
 * its filter refused, so that wording alone does not make the address bad.
 */
final class FilteringGateways {

    /** One mark: a header's value, the From address or the readable text matching a pattern. */
    private record Mark(String where, Pattern pattern) {

        boolean foundIn(Function<String, String> header, String from, String text) {
            String value = where.startsWith("header:") ? header.apply(where.substring("header:".length()))
                    : "from".equals(where) ? from : text;
            return value != null && pattern.matcher(value).find();
        }
    }

    private static final List<Mark> MARKS = load();

    private FilteringGateways() {
    }

    /**
     * @param header the arrived message's header values by name (null when absent)
     * @param from   the From address, or null
     * @param text   the readable text
     */
    static boolean isGateway(Function<String, String> header, String from, String text) {
        return MARKS.stream().anyMatch(mark -> mark.foundIn(header, from, text));
    }

    private static List<Mark> load() {
        try (InputStream in = FilteringGateways.class.getResourceAsStream("filtering-gateways.tsv")) {
            if (in == null) {
                throw new IllegalStateException("filtering-gateways.tsv is missing");
            }
            List<Mark> marks = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split("\t");
                marks.add(new Mark(cells[1], Pattern.compile(cells[2],
                        Pattern.CASE_INSENSITIVE | Pattern.MULTILINE | Pattern.UNICODE_CASE)));
            }
            return List.copyOf(marks);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
