package org.smtpeter.delivery.control;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import org.smtpeter.features.control.Content;

/**
 * The header section of a raw message as it was received, field by field (folded lines kept
 * as they are), and where the body starts. Edits produce new bytes; the body is never touched.
 */
final class HeaderBlock {

    /** One header field with its raw bytes, continuation lines and CRLF included. */
    record Field(String name, byte[] raw) {
    }

    /** Enough for the header section of most mail. */
    private static final int FIRST_STEP = 4 * 1024;

    private final List<Field> fields;
    private final int bodyOffset;

    private HeaderBlock(List<Field> fields, int bodyOffset) {
        this.fields = fields;
        this.bodyOffset = bodyOffset;
    }

    /** Splits at the first empty line; a message without one is all header. */
    static HeaderBlock parse(byte[] raw) {
        List<Field> fields = new ArrayList<>();
        int position = 0;
        int fieldStart = -1;
        while (position < raw.length) {
            int lineEnd = lineEnd(raw, position);
            boolean empty = lineEnd - position == lineTerminatorLength(raw, lineEnd);
            boolean continuation = !empty && (raw[position] == ' ' || raw[position] == '\t');
            if (!continuation && fieldStart >= 0) {
                fields.add(field(raw, fieldStart, position));
                fieldStart = -1;
            }
            if (empty) {
                return new HeaderBlock(fields, position);
            }
            if (!continuation) {
                fieldStart = position;
            }
            position = lineEnd;
        }
        if (fieldStart >= 0) {
            fields.add(field(raw, fieldStart, raw.length));
        }
        return new HeaderBlock(fields, raw.length);
    }

    /**
     * The header section of {@code content}, within its first {@code limit} bytes. Read in growing
     * steps rather than up to the limit at once: most header sections are a few KB, and copying
     * each message whole to find them was 6 % of all the relay allocated in the throughput profile.
     */
    static HeaderBlock readFrom(Content content, int limit) {
        for (int step = Math.min(FIRST_STEP, limit); ; step = (int) Math.min(step * 8L, limit)) {
            byte[] head = content.head(step);
            HeaderBlock headers = parse(head);
            boolean emptyLineFound = headers.bodyOffset() < head.length;
            if (emptyLineFound || head.length < step || step == limit) {
                return headers;
            }
        }
    }

    /** Where the body starts: at the empty line that ends the header section (counted with the body), or the end when there is none. */
    int bodyOffset() {
        return bodyOffset;
    }

    boolean has(String name) {
        return fields.stream().anyMatch(field -> field.name().equalsIgnoreCase(name));
    }

    HeaderBlock without(Predicate<String> name) {
        return new HeaderBlock(fields.stream().filter(field -> !name.test(field.name())).toList(), bodyOffset);
    }

    /** The header fields again: {@code prepend}, the kept fields, {@code append}; the body (from {@link #bodyOffset()}, the empty line included) follows. */
    byte[] toBytes(List<String> prepend, List<String> append) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        prepend.forEach(line -> writeField(out, line));
        fields.forEach(field -> out.writeBytes(field.raw()));
        append.forEach(line -> writeField(out, line));
        return out.toByteArray();
    }

    private static void writeField(ByteArrayOutputStream out, String field) {
        out.writeBytes(field.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(new byte[] {'\r', '\n'});
    }

    private static Field field(byte[] raw, int start, int end) {
        int colon = start;
        while (colon < end && raw[colon] != ':' && raw[colon] != '\r' && raw[colon] != '\n') {
            colon++;
        }
        String name = new String(raw, start, colon - start, StandardCharsets.ISO_8859_1).strip().toLowerCase(Locale.ROOT);
        byte[] bytes = new byte[end - start];
        System.arraycopy(raw, start, bytes, 0, bytes.length);
        return new Field(name, bytes);
    }

    private static int lineEnd(byte[] raw, int from) {
        for (int i = from; i < raw.length; i++) {
            if (raw[i] == '\n') {
                return i + 1;
            }
        }
        return raw.length;
    }

    private static int lineTerminatorLength(byte[] raw, int lineEnd) {
        if (lineEnd >= 2 && raw[lineEnd - 1] == '\n' && raw[lineEnd - 2] == '\r') {
            return 2;
        }
        return lineEnd >= 1 && raw[lineEnd - 1] == '\n' ? 1 : 0;
    }
}
