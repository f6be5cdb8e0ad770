package org.smtpeter.features.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.smtpeter.inlining.control.CssInliner;
import org.smtpeter.testing.Mails;
import org.smtpeter.tracking.control.ClickTracking;
import org.smtpeter.tracking.control.OpenTracking;
import org.smtpeter.tracking.control.TrackingContext;
import org.smtpeter.tracking.control.TrackingTokens;
import org.smtpeter.messages.control.MessageBytes;

/**
 * A large message is read from a file in place: every copy is what the same message in memory
 * gives, and copies for many recipients refer to the attachment instead of copying it.
 */
class FileBackedPipelineTest {

    private static final AppliedFeatures ALL = new AppliedFeatures(true, true, true, true, true, List.of());
    private static final String BASE_URL = "https://track.example.com";

    private final TrackingTokens tokens = new TrackingTokens("bytes-in-file-test-secret");
    private final FeaturePipeline pipeline = new FeaturePipeline(new HtmlParts(), new CssInliner(),
            new ClickTracking(tokens), new OpenTracking(tokens), tokens);

    @TempDir
    Path directory;

    static List<String> fixtures() {
        return MimeFixtures.names().toList();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void everyCopyFromAFileIsTheCopyFromMemory(String fixture) throws IOException {
        byte[] message = MimeFixtures.read(fixture);
        TrackingContext alice = new TrackingContext(BASE_URL, "msg-1", "alice@example.org");

        byte[] fromMemory = pipeline.prepare(message, ALL, BASE_URL).copyFor(alice).message();
        try (MessageBytes file = MessageBytes.inFile(write(message))) {
            byte[] fromFile = pipeline.prepare(file, ALL, BASE_URL).copyFor(alice).content().toBytes();
            assertArrayEquals(fromMemory, fromFile);
        }
    }

    @Test
    void fiftyTrackedCopiesOfA25MegabyteMessageNeverCopyItsAttachment() throws IOException {
        byte[] attachment = new byte[18_500_000];
        new Random(7).nextBytes(attachment);
        byte[] message = Mails.withAttachment("", attachment);
        Path file = write(message);

        long allocatedBefore = HtmlPartsLargeMessageTest.allocatedBytes();
        long written = 0;
        try (MessageBytes bytes = MessageBytes.inFile(file)) {
            PreparedMessage prepared = pipeline.prepare(bytes, ALL, BASE_URL);
            assertFalse(prepared.isSameForEveryCopy(), "tracked copies differ");
            for (int i = 0; i < 50; i++) {
                Content copy = prepared.copyFor(new TrackingContext(BASE_URL, "msg-2", "user" + i + "@example.org")).content();
                CountingSink sink = new CountingSink();
                copy.writeTo(sink);
                assertEquals(copy.size(), sink.count);
                written += sink.count;
            }
        }
        long allocated = HtmlPartsLargeMessageTest.allocatedBytes() - allocatedBefore;

        assertTrue(written > 50L * message.length, "every copy written whole: " + written);
        if (allocatedBefore >= 0) {
            // Buffers and the HTML part only: far less than one copy of the message, for 50 copies.
            assertTrue(allocated < message.length / 2, "allocated " + allocated + " bytes for 50 copies of "
                    + message.length);
        }
        assertFalse(Files.exists(file), "closing the bytes deletes the file");
    }

    private Path write(byte[] message) throws IOException {
        return Files.write(Files.createTempFile(directory, "message-", ".eml"), message);
    }

    /** Counts what a next hop would receive, without keeping it. */
    private static final class CountingSink extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            count += length;
        }
    }
}
