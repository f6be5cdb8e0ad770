package org.smtpeter.features.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;

import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMultipart;

import org.junit.jupiter.api.Test;
import org.smtpeter.testing.Mails;

/** A 25 MB message with a big attachment is rewritten with one output copy and no other. */
class HtmlPartsLargeMessageTest {

    private static final int ATTACHMENT_BYTES = 18_500_000; // about 25 MB once base64-encoded

    @Test
    void rewritesTheHtmlOfA25MegabyteMessageAndKeepsTheAttachmentIdentical() throws Exception {
        byte[] attachment = new byte[ATTACHMENT_BYTES];
        new Random(4242).nextBytes(attachment);
        byte[] message = Mails.withAttachment("", attachment);
        assertTrue(message.length > 25_000_000, "message is " + message.length + " bytes");

        HtmlParts htmlParts = new HtmlParts();
        long allocatedBefore = allocatedBytes();
        Rewritten rewritten = assertTimeout(Duration.ofSeconds(5), () ->
                htmlParts.rewrite(message, html -> html.replace("</body>", "<p>tracked</p></body>")));
        long allocated = allocatedBytes() - allocatedBefore;

        assertTrue(rewritten.changed());
        byte[] result = rewritten.message();
        assertEquals(message.length + "<p>tracked</p>".length(), result.length);
        if (allocated >= 0) {
            // The output array is unavoidable; parsing must not add a second or third copy.
            assertTrue(allocated < message.length * 1.25, "allocated " + allocated + " bytes for " + message.length);
        }

        int attachmentStart = indexOf(message, "Content-Type: application/octet-stream");
        int resultStart = indexOf(result, "Content-Type: application/octet-stream");
        assertEquals(message.length - attachmentStart, result.length - resultStart);
        assertTrue(Arrays.equals(message, attachmentStart, message.length, result, resultStart, result.length),
                "attachment bytes identical, boundaries included");

        MimeMultipart parts = (MimeMultipart) MimeFixtures.parse(result).getContent();
        BodyPart decoded = parts.getBodyPart(1);
        try (InputStream in = decoded.getInputStream()) {
            assertArrayEquals(attachment, in.readAllBytes());
        }
        assertTrue(((String) parts.getBodyPart(0).getContent()).contains("<p>tracked</p></body>"));
    }

    /** Bytes allocated by this thread so far, or -1 where the JVM cannot tell. */
    static long allocatedBytes() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
                && threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled()) {
            return threads.getCurrentThreadAllocatedBytes();
        }
        return -1;
    }

    private static int indexOf(byte[] haystack, String needle) {
        byte[] bytes = needle.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i <= haystack.length - bytes.length; i++) {
            for (int j = 0; j < bytes.length; j++) {
                if (haystack[i + j] != bytes[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError(needle + " not found");
    }
}
