package org.smtpeter.features.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedByteArrayInputStream;

/** Real-world shaped messages from {@code src/test/resources/mime}, and a way to look inside them. */
final class MimeFixtures {

    static final Path DIRECTORY = Path.of("src/test/resources/mime");

    private MimeFixtures() {
    }

    static Stream<String> names() {
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".eml"))
                    .sorted()
                    .toList()
                    .stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixture as it arrives over SMTP: CRLF line endings, whatever git did to the file. */
    static byte[] read(String name) {
        try {
            return crlf(Files.readAllBytes(DIRECTORY.resolve(name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] crlf(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + bytes.length / 20);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n' && (i == 0 || bytes[i - 1] != '\r')) {
                out.write('\r');
            }
            out.write(bytes[i]);
        }
        return out.toByteArray();
    }

    static MimeMessage parse(byte[] message) {
        try {
            return new MimeMessage(Session.getInstance(new Properties()), new SharedByteArrayInputStream(message));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A leaf part as Jakarta Mail sees it, for comparing messages part by part. */
    record Leaf(String path, String contentType, List<String> headerLines, byte[] raw, Object content) {
    }

    static List<Leaf> leaves(byte[] message) {
        List<Leaf> leaves = new ArrayList<>();
        try {
            collect(parse(message), "root", leaves);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
        return leaves;
    }

    private static void collect(Part part, String path, List<Leaf> leaves) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i), path + "." + i, leaves);
            }
            return;
        }
        List<String> headers = Collections.list(part instanceof MimeMessage message
                ? message.getAllHeaderLines() : ((MimeBodyPart) part).getAllHeaderLines());
        byte[] raw;
        try (InputStream in = part instanceof MimeMessage message
                ? message.getRawInputStream() : ((MimeBodyPart) part).getRawInputStream()) {
            raw = in.readAllBytes();
        }
        Object content = part.isMimeType("text/*") ? part.getContent() : null;
        leaves.add(new Leaf(path, part.getContentType(), headers, raw, content));
    }
}
