package org.smtpeter.smtp.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {

    private static final int THRESHOLD = 256 * 1024;

    @TempDir
    Path directory;

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    private static byte[] contents(Spool spool) throws IOException {
        try (InputStream in = spool.open()) {
            return in.readAllBytes();
        }
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }

    @Test
    void smallMessageStaysInMemory() throws IOException {
        byte[] data = randomBytes(1000);
        Spool spool = new Spool(directory);
        spool.write(data);
        assertEquals(1000, spool.size());
        assertArrayEquals(data, contents(spool));
        assertArrayEquals(data, contents(spool), "open() gives a fresh stream each time");
        assertEquals(List.of(), files());
    }

    @Test
    void exactlyTheThresholdStaysInMemory() throws IOException {
        byte[] data = randomBytes(THRESHOLD);
        Spool spool = new Spool(directory);
        spool.write(data);
        assertEquals(List.of(), files());
        assertArrayEquals(data, contents(spool));
    }

    @Test
    void largeMessageGoesToATempFileWithIdenticalBytes() throws IOException {
        byte[] data = randomBytes(THRESHOLD + 1);
        Spool spool = new Spool(directory);
        spool.write(data);
        List<Path> files = files();
        assertEquals(1, files.size());
        assertEquals(THRESHOLD + 1, spool.size());
        assertArrayEquals(data, contents(spool));
        assertArrayEquals(data, Files.readAllBytes(files.get(0)), "open() flushed everything to the file");
    }

    @Test
    void singleOctetAndArrayWritesMixAcrossTheThreshold() throws IOException {
        byte[] data = randomBytes(THRESHOLD + 70_000);
        Spool spool = new Spool(directory);
        int position = 0;
        Random random = new Random(7);
        while (position < data.length) {
            if (random.nextBoolean()) {
                spool.write(data[position++]);
            } else {
                int length = Math.min(data.length - position, random.nextInt(20_000));
                spool.write(data, position, length);
                position += length;
            }
        }
        spool.flush();
        assertEquals(data.length, spool.size());
        assertEquals(1, files().size());
        assertArrayEquals(data, contents(spool));
    }

    @Test
    void discardDeletesTheFile() throws IOException {
        Spool spool = new Spool(directory);
        spool.write(randomBytes(THRESHOLD * 2));
        assertEquals(1, files().size());
        spool.discard();
        assertEquals(List.of(), files());
    }

    @Test
    void closeDiscardsToo() throws IOException {
        Spool spool = new Spool(directory);
        spool.write(randomBytes(THRESHOLD + 10));
        spool.close();
        assertEquals(List.of(), files());
    }

    @Test
    void emptySpool() throws IOException {
        Spool spool = new Spool(directory);
        assertEquals(0, spool.size());
        assertEquals(0, contents(spool).length);
        spool.discard();
        assertTrue(files().isEmpty());
    }
}
