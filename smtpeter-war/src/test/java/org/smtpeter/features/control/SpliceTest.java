package org.smtpeter.features.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class SpliceTest {

    private static final byte[] MESSAGE = "0123456789".getBytes(StandardCharsets.US_ASCII);

    @Test
    void replacesRangesInAnyOrder() {
        byte[] result = Splice.apply(MESSAGE, List.of(
                new Splice(7, 9, bytes("XYZ")),
                new Splice(0, 1, bytes("")),
                new Splice(3, 3, bytes("ins"))));
        assertEquals("12ins3456XYZ9", new String(result, StandardCharsets.US_ASCII));
    }

    @Test
    void refusesOverlappingRanges() {
        assertThrows(IllegalStateException.class,
                () -> Splice.apply(MESSAGE, List.of(new Splice(2, 5, bytes("a")), new Splice(4, 6, bytes("b")))));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
