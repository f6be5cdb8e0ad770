package org.smtpeter.tracking.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Fixture cases on disk, juice style: {@code <case>.input.html} and {@code <case>.expected.html}. */
final class Fixtures {

    private Fixtures() {
    }

    static Stream<String> cases(String directory) {
        try (Stream<Path> files = Files.list(Path.of("src/test/resources", directory))) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".input.html"))
                    .map(name -> name.substring(0, name.length() - ".input.html".length()))
                    .sorted()
                    .toList()
                    .stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(String directory, String file) {
        try {
            return Files.readString(Path.of("src/test/resources", directory, file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
