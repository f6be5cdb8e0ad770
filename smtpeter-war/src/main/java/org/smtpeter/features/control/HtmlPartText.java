package org.smtpeter.features.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Set;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeUtility;

import org.smtpeter.messages.control.Located;

/**
 * The text of one {@code text/html} part, decoded from its transfer encoding and charset, and the
 * way back: the rewritten text is encoded in the same charset and the same transfer encoding and
 * replaces only the part's content bytes, so its headers stay as they were.
 *
 * <p>Two exceptions keep the part valid. Characters the charset cannot hold (and any non-ASCII
 * character in a {@code 7bit} part or in a part without a declared charset, where nobody knows how
 * a new byte would be read) are written as numeric character references such as {@code &#233;}.
 * A {@code 7bit} or {@code 8bit} part whose rewritten lines would exceed RFC 5322's 998 octets
 * (inlined styles make lines longer) is switched to quoted-printable, the one case where a header
 * of the part changes.
 */
public final class HtmlPartText {

    private static final Set<String> IDENTITY_ENCODINGS = Set.of("7bit", "8bit", "binary");
    private static final Set<String> CODED_ENCODINGS = Set.of("quoted-printable", "base64");
    private static final int MAX_LINE_OCTETS = 998;
    private static final String QUOTED_PRINTABLE = "quoted-printable";

    private final LocatedPart part;
    private final String encoding;
    private final Charset charset;
    private final boolean asciiOnly;
    private final String html;

    private HtmlPartText(LocatedPart part, String encoding, Charset charset, boolean asciiOnly, String html) {
        this.part = part;
        this.encoding = encoding;
        this.charset = charset;
        this.asciiOnly = asciiOnly;
        this.html = html;
    }

    /** Decodes the part; throws with a readable reason when it cannot be rewritten safely. */
    static HtmlPartText read(LocatedPart part, ContentType type) throws MessagingException, IOException {
        String encoding = part.getEncoding() == null ? "7bit" : part.getEncoding().strip().toLowerCase(Locale.ROOT);
        if (!IDENTITY_ENCODINGS.contains(encoding) && !CODED_ENCODINGS.contains(encoding)) {
            throw new MessagingException("unsupported Content-Transfer-Encoding " + encoding);
        }
        String declared = type.getParameter("charset");
        boolean charsetDeclared = declared != null && !declared.isBlank();
        // Without a declared charset, ISO-8859-1 maps every byte to one char and back, so bytes we
        // cannot interpret survive untouched.
        Charset charset = charsetDeclared ? charset(declared) : StandardCharsets.ISO_8859_1;
        byte[] decoded;
        try (InputStream content = part.getInputStream()) {
            decoded = content.readAllBytes();
        }
        boolean asciiOnly = encoding.equals("7bit") || !charsetDeclared;
        return new HtmlPartText(part, encoding, charset, asciiOnly, new String(decoded, charset));
    }

    String html() {
        return html;
    }

    /** The splice that puts {@code rewritten} in place of this part's content. */
    Splice replaceWith(String rewritten) throws MessagingException, IOException {
        byte[] text = encodeText(sameLineBreaks(rewritten));
        String targetEncoding = encoding;
        if ((encoding.equals("7bit") || encoding.equals("8bit")) && hasLongLine(text)) {
            targetEncoding = QUOTED_PRINTABLE;
        }
        byte[] content = endLikeOriginal(transferEncode(text, targetEncoding), targetEncoding);
        if (targetEncoding.equals(encoding)) {
            return new Splice(part.contentStart(), part.contentEnd(), content);
        }
        byte[] headers = headersWithEncoding(targetEncoding);
        byte[] replacement = Arrays.copyOf(headers, headers.length + content.length);
        System.arraycopy(content, 0, replacement, headers.length, content.length);
        return new Splice(part.start(), part.contentEnd(), replacement);
    }

    private static Charset charset(String declared) throws MessagingException {
        try {
            return Charset.forName(MimeUtility.javaCharset(declared.strip()));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new MessagingException("unsupported charset " + declared);
        }
    }

    /** A CRLF original gets CRLF for new line breaks too: a bare LF must not reach the wire. */
    private String sameLineBreaks(String rewritten) {
        if (!html.contains("\r\n")) {
            return rewritten;
        }
        StringBuilder text = null;
        int copied = 0;
        for (int lf = rewritten.indexOf('\n'); lf >= 0; lf = rewritten.indexOf('\n', lf + 1)) {
            if (lf > 0 && rewritten.charAt(lf - 1) == '\r') {
                continue;
            }
            if (text == null) {
                text = new StringBuilder(rewritten.length() + rewritten.length() / 32 + 16);
            }
            text.append(rewritten, copied, lf).append('\r');
            copied = lf;
        }
        return text == null ? rewritten : text.append(rewritten, copied, rewritten.length()).toString();
    }

    private byte[] encodeText(String text) {
        CharsetEncoder encoder = charset.newEncoder();
        // Every charset here holds ASCII; the loop is what makes the common case cheap.
        boolean fits = isAscii(text) || !asciiOnly && encoder.canEncode(text);
        if (fits) {
            return text.getBytes(charset);
        }
        StringBuilder escaped = new StringBuilder(text.length() + 64);
        text.codePoints().forEach(codePoint -> {
            String character = Character.toString(codePoint);
            boolean representable = asciiOnly ? codePoint < 0x80 : encoder.canEncode(character);
            if (representable) {
                escaped.append(character);
            } else {
                escaped.append("&#").append(codePoint).append(';');
            }
        });
        return escaped.toString().getBytes(charset);
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasLongLine(byte[] text) {
        int lineLength = 0;
        for (byte b : text) {
            if (b == '\n' || b == '\r') {
                lineLength = 0;
            } else if (++lineLength > MAX_LINE_OCTETS) {
                return true;
            }
        }
        return false;
    }

    private static byte[] transferEncode(byte[] text, String encoding) throws MessagingException, IOException {
        if (IDENTITY_ENCODINGS.contains(encoding)) {
            return text;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length * 4 / 3 + 64);
        try (OutputStream encoder = MimeUtility.encode(out, encoding)) {
            encoder.write(text);
        }
        return out.toByteArray();
    }

    /**
     * Keeps the content's final line break as it was: added when the original had one (a missing
     * one would glue the content to what follows); for base64 also removed when it had none.
     */
    private byte[] endLikeOriginal(byte[] content, String targetEncoding) throws MessagingException, IOException {
        Located message = part.located();
        long end = part.contentEnd();
        boolean originalEndsWithBreak = end > part.contentStart() && message.at(end - 1) == '\n';
        boolean endsWithBreak = content.length > 0 && content[content.length - 1] == '\n';
        if (originalEndsWithBreak && !endsWithBreak) {
            boolean crlf = end - 2 >= part.contentStart() && message.at(end - 2) == '\r';
            byte[] ending = crlf ? new byte[] {'\r', '\n'} : new byte[] {'\n'};
            byte[] result = Arrays.copyOf(content, content.length + ending.length);
            System.arraycopy(ending, 0, result, content.length, ending.length);
            return result;
        }
        if (!originalEndsWithBreak && endsWithBreak && targetEncoding.equals("base64")) {
            int length = content.length;
            while (length > 0 && (content[length - 1] == '\n' || content[length - 1] == '\r')) {
                length--;
            }
            return Arrays.copyOf(content, length);
        }
        return content;
    }

    /** The part's own header lines, unchanged but for the transfer encoding, and the blank line. */
    private byte[] headersWithEncoding(String targetEncoding) throws MessagingException {
        StringBuilder headers = new StringBuilder();
        boolean written = false;
        for (Enumeration<String> lines = part.getAllHeaderLines(); lines.hasMoreElements(); ) {
            String line = lines.nextElement();
            int colon = line.indexOf(':');
            boolean isEncoding = colon > 0
                    && line.substring(0, colon).strip().equalsIgnoreCase("Content-Transfer-Encoding");
            if (!isEncoding) {
                headers.append(line).append("\r\n");
            } else if (!written) {
                headers.append("Content-Transfer-Encoding: ").append(targetEncoding).append("\r\n");
                written = true;
            }
        }
        if (!written) {
            headers.append("Content-Transfer-Encoding: ").append(targetEncoding).append("\r\n");
        }
        // Header lines were read as ISO-8859-1, one char per byte; written back the same way.
        return headers.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
