package org.smtpeter.messages.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The first piece is read by the announced size, and still shows a stream of another length. */
class MessageStoreFirstPieceTest {

    private static final byte[] DATA = new byte[MessageStore.CHUNK + 1000];

    static {
        new Random(7).nextBytes(DATA);
    }

    @Test
    void asAnnounced() throws IOException {
        assertArrayEquals(Arrays.copyOf(DATA, 10_750), MessageStore.firstPiece(stream(10_750), 10_750));
    }

    @Test
    void shorterThanAnnouncedIsWhatThereIs() throws IOException {
        assertArrayEquals(Arrays.copyOf(DATA, 900), MessageStore.firstPiece(stream(900), 10_750));
        assertEquals(0, MessageStore.firstPiece(stream(0), 10_750).length);
    }

    @Test
    void longerThanAnnouncedIsReadOnToTheChunk() throws IOException {
        assertArrayEquals(Arrays.copyOf(DATA, 20_000), MessageStore.firstPiece(stream(20_000), 10_750));
        assertArrayEquals(Arrays.copyOf(DATA, MessageStore.CHUNK),
                MessageStore.firstPiece(stream(DATA.length), 10_750), "at most one chunk");
    }

    @Test
    void unknownOrLargeSizesReadOneChunk() throws IOException {
        assertArrayEquals(Arrays.copyOf(DATA, 5_000), MessageStore.firstPiece(stream(5_000), 0));
        assertArrayEquals(Arrays.copyOf(DATA, MessageStore.CHUNK),
                MessageStore.firstPiece(stream(DATA.length), DATA.length));
    }

    private static InputStream stream(int length) {
        return new ByteArrayInputStream(DATA, 0, length);
    }
}
