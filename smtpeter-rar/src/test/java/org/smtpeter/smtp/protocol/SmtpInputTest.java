package org.smtpeter.smtp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.smtpeter.smtp.protocol.SmtpInput.Ending;
import org.smtpeter.smtp.protocol.SmtpInput.Line;

class SmtpInputTest {

    private static final Duration GENEROUS = Duration.ofMinutes(1);

    private static SmtpInput input(String text) {
        return new SmtpInput(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), GENEROUS);
    }

    @Test
    void crlfLines() throws IOException {
        SmtpInput in = input("EHLO client.test\r\nQUIT\r\n");
        assertEquals(new Line("EHLO client.test", Ending.CRLF), in.readLine(512));
        assertEquals(new Line("QUIT", Ending.CRLF), in.readLine(512));
        assertNull(in.readLine(512));
    }

    @Test
    void bareLfIsReportedAsSuch() throws IOException {
        SmtpInput in = input("NOOP\nQUIT\r\n");
        assertEquals(new Line("NOOP", Ending.BARE_LF), in.readLine(512));
        assertEquals(new Line("QUIT", Ending.CRLF), in.readLine(512));
    }

    @Test
    void emptyLines() throws IOException {
        SmtpInput in = input("\r\n\n");
        assertEquals(new Line("", Ending.CRLF), in.readLine(512));
        assertEquals(new Line("", Ending.BARE_LF), in.readLine(512));
    }

    @Test
    void bareCrStaysInsideTheLine() throws IOException {
        assertEquals(new Line("NO\rOP", Ending.CRLF), input("NO\rOP\r\n").readLine(512));
    }

    @Test
    void lineCutOffByEndOfStreamIsNull() throws IOException {
        SmtpInput in = input("QUIT");
        assertNull(in.readLine(512));
        assertNull(input("").readLine(512));
    }

    @Test
    void maximumLengthCountsTheCrlf() throws IOException {
        SmtpInput in = input("12345678\r\n" + "123456789\r\n" + "123456789\n" + "NEXT\r\n");
        assertEquals(new Line("12345678", Ending.CRLF), in.readLine(10));   // 10 octets: fits
        assertEquals(Ending.TOO_LONG, in.readLine(10).ending());           // 11 octets
        assertEquals(new Line("123456789", Ending.BARE_LF), in.readLine(10)); // 10 octets
        assertEquals(new Line("NEXT", Ending.CRLF), in.readLine(10));
    }

    @Test
    void tooLongLineIsConsumedToItsEnd() throws IOException {
        String huge = "MAIL FROM:<" + "x".repeat(100_000) + "@example.com>";
        SmtpInput in = input(huge + "\r\nQUIT\r\n" + "y".repeat(5000) + "\nNOOP\r\n");
        assertEquals(new Line("", Ending.TOO_LONG), in.readLine(2048));
        assertEquals(new Line("QUIT", Ending.CRLF), in.readLine(2048));
        assertEquals(new Line("", Ending.TOO_LONG), in.readLine(2048)); // bare LF ending, still too long
        assertEquals(new Line("NOOP", Ending.CRLF), in.readLine(2048));
    }

    @Test
    void linesAreDecodedAsUtf8() throws IOException {
        assertEquals("MAIL FROM:<jörg@bücher.example> SMTPUTF8",
                input("MAIL FROM:<jörg@bücher.example> SMTPUTF8\r\n").readLine(512).text());
    }

    @Test
    void linesArriveCorrectlyOneOctetAtATime() throws IOException {
        byte[] bytes = "EHLO a\r\nMAIL FROM:<a@b.example>\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII);
        SmtpInput in = new SmtpInput(new TrickleInputStream(bytes, 0), GENEROUS);
        assertEquals(new Line("EHLO a", Ending.CRLF), in.readLine(512));
        assertFalse(in.hasBufferedInput());
        assertEquals(new Line("MAIL FROM:<a@b.example>", Ending.BARE_LF), in.readLine(512));
        assertEquals(new Line("QUIT", Ending.CRLF), in.readLine(512));
    }

    @Test
    void rawOctetsAndEndOfStream() throws IOException {
        SmtpInput in = new SmtpInput(new ByteArrayInputStream(new byte[] {0, (byte) 0xff, '\r'}), GENEROUS);
        assertEquals(0, in.read());
        assertEquals(0xff, in.read());
        assertEquals('\r', in.read());
        assertEquals(-1, in.read());
    }

    @Test
    void bufferedInputCanBeSeenAndDiscarded() throws IOException {
        SmtpInput in = input("STARTTLS\r\nMAIL FROM:<evil@x.example>\r\n");
        assertFalse(in.hasBufferedInput());
        assertEquals("STARTTLS", in.readLine(512).text());
        assertTrue(in.hasBufferedInput());
        assertEquals("MAIL FROM:<evil@x.example>\r\n".length(), in.discardBuffered());
        assertFalse(in.hasBufferedInput());
        assertNull(in.readLine(512));
        assertEquals(0, in.discardBuffered());
    }

    @Test
    void slowCommandLineTimesOut() {
        byte[] endless = ("EHLO " + "x".repeat(500) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        SmtpInput in = new SmtpInput(new TrickleInputStream(endless, 20), Duration.ofMillis(100));
        assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(SocketTimeoutException.class, () -> in.readLine(2048)));
    }

    @Test
    void commandTimeoutIsPerLineNotPerConnection() throws IOException {
        // ten lines of two octets at 20 ms per octet: about 400 ms in total, about 40 ms per line
        byte[] lines = "A\n".repeat(10).getBytes(StandardCharsets.US_ASCII);
        SmtpInput in = new SmtpInput(new TrickleInputStream(lines, 20), Duration.ofMillis(300));
        for (int i = 0; i < 10; i++) {
            assertEquals(new Line("A", Ending.BARE_LF), in.readLine(512));
        }
        assertNull(in.readLine(512));
    }

    @Test
    void rawDataReadingIsNotBoundByTheCommandTimeout() throws IOException {
        byte[] data = "0123456789".getBytes(StandardCharsets.US_ASCII);
        SmtpInput in = new SmtpInput(new TrickleInputStream(data, 20), Duration.ofMillis(50));
        StringBuilder read = new StringBuilder();
        for (int b = in.read(); b >= 0; b = in.read()) {
            read.append((char) b);
        }
        assertEquals("0123456789", read.toString()); // 200 ms of data, no SocketTimeoutException
    }
}
