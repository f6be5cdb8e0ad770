package org.smtpeter.delivery.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.smtpeter.features.control.Content;

/** Reading the header section in steps finds what parsing the whole message finds. */
class HeaderBlockTest {

    private static final int LIMIT = 1024 * 1024;

    /** Header sections shorter than the first step, across one or two steps, and ending at a step's end. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 100, 4_000, 4_096 - 30, 4_096 - 29, 4_096 - 28, 10_000, 40_000, 33_000})
    void stepsFindTheSameSectionAsTheWholeMessage(int padding) {
        for (String lineEnd : List.of("\r\n", "\n")) {
            byte[] message = message(padding, lineEnd, "\nbody line\n" + "x".repeat(50_000));
            assertSame(message);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5_000, 70_000})
    void aMessageWithoutEmptyLineIsAllHeader(int padding) {
        byte[] message = message(padding, "\r\n", "");
        HeaderBlock headers = HeaderBlock.readFrom(Content.of(message), LIMIT);
        assertEquals(message.length, headers.bodyOffset());
        assertSame(message);
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 3_000, 20_000})
    void aSectionLongerThanTheLimitIsCutThere(int limit) {
        byte[] message = message(50_000, "\r\n", "\r\nbody\r\n");
        HeaderBlock stepped = HeaderBlock.readFrom(Content.of(message), limit);
        HeaderBlock whole = HeaderBlock.parse(java.util.Arrays.copyOf(message, limit));
        assertEquals(whole.bodyOffset(), stepped.bodyOffset());
        assertArrayEquals(whole.toBytes(List.of(), List.of()), stepped.toBytes(List.of(), List.of()));
    }

    private static void assertSame(byte[] message) {
        HeaderBlock whole = HeaderBlock.parse(message);
        HeaderBlock stepped = HeaderBlock.readFrom(Content.of(message), LIMIT);
        assertEquals(whole.bodyOffset(), stepped.bodyOffset(), "body offset");
        assertArrayEquals(whole.toBytes(List.of(), List.of()), stepped.toBytes(List.of(), List.of()), "fields");
        assertEquals(whole.has("x-padding"), stepped.has("x-padding"));
    }

    /** Subject, a folded X-Padding of about {@code padding} bytes, To; then {@code rest}. */
    private static byte[] message(int padding, String lineEnd, String rest) {
        StringBuilder text = new StringBuilder("Subject: steps").append(lineEnd);
        if (padding > 0) {
            text.append("X-Padding: ");
            for (int written = 0; written < padding; written += 72) {
                text.append("p".repeat(70)).append(lineEnd).append(' ');
            }
            text.append("end").append(lineEnd);
        }
        text.append("To: <a@example.org>").append(lineEnd).append(rest.replace("\n", lineEnd));
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
