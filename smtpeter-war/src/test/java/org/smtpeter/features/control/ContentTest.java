package org.smtpeter.features.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.smtpeter.messages.control.MessageBytes;

class ContentTest {

    private static final byte[] MESSAGE = "Subject: hi\r\n\r\n0123456789".getBytes(StandardCharsets.US_ASCII);

    /** New head, one range replaced: three pieces from two sources. */
    private static Content pieces() {
        return Content.spliced(MessageBytes.of(MESSAGE), List.of(new Splice(15, 18, bytes("ABCDE"))))
                .after(bytes("Received: x\r\n"));
    }

    @Test
    void headIsThePrefixAcrossPieces() {
        Content content = pieces();
        byte[] all = content.toBytes();
        assertEquals("Received: x\r\nSubject: hi\r\n\r\nABCDE3456789", new String(all, StandardCharsets.US_ASCII));
        for (int max = 0; max <= all.length; max++) {
            assertArrayEquals(Arrays.copyOf(all, max), content.head(max), "first " + max + " bytes");
        }
    }

    @Test
    void headBeyondTheEndIsAllOfIt() {
        Content content = pieces();
        assertArrayEquals(content.toBytes(), content.head(1024 * 1024));
    }

    @Test
    void fromSkipsIntoAPiece() {
        assertEquals("BCDE3456789", new String(pieces().from(29).toBytes(), StandardCharsets.US_ASCII));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
