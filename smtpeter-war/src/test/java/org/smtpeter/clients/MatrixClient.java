package org.smtpeter.clients;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of the client matrix, src/test/resources/clients/matrix.txt: a client, what it needs,
 * how to run its script, what it sends, and what it cannot do.
 *
 * @param needs programs (looked up on the PATH) or absolute paths of files
 * @param command the script's command line before the common arguments, placeholders resolved
 * @param sends {@code eml}, {@code eml-lf} or {@code attachment}
 * @param cannot mechanism to the reason the client cannot use it
 */
record MatrixClient(String name, List<String> needs, List<String> command, String sends, boolean html,
                    Map<String, String> cannot) {

    static List<MatrixClient> read(Path file, Map<String, String> placeholders) {
        try {
            List<MatrixClient> clients = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    clients.add(parse(resolve(line, placeholders)));
                }
            }
            return clients;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MatrixClient parse(String line) {
        String[] fields = line.split("\\s+\\|\\s*", -1);
        if (fields.length != 5) {
            throw new IllegalArgumentException("a matrix line has 5 fields separated by \"|\": " + line);
        }
        boolean html = false;
        Map<String, String> cannot = new LinkedHashMap<>();
        for (String note : fields[4].split(",")) {
            String text = note.strip();
            if (text.equals("html")) {
                html = true;
            } else if (text.equals("bare-lf")) {
                continue; // says what the client sends; the relay normalises it, nothing to switch
            } else if (text.startsWith("cannot ")) {
                int colon = text.indexOf(':');
                cannot.put(text.substring("cannot ".length(), colon).strip(), text.substring(colon + 1).strip());
            } else if (!text.isEmpty()) {
                throw new IllegalArgumentException("unknown note \"" + text + "\" in: " + line);
            }
        }
        return new MatrixClient(fields[0].strip(), Arrays.stream(fields[1].split(",")).map(String::strip).toList(),
                List.of(fields[2].strip().split("\\s+")), fields[3].strip(), html, cannot);
    }

    private static String resolve(String line, Map<String, String> placeholders) {
        String resolved = line;
        for (Map.Entry<String, String> placeholder : placeholders.entrySet()) {
            resolved = resolved.replace("{" + placeholder.getKey() + "}", placeholder.getValue());
        }
        return resolved;
    }

    /** What of {@link #needs()} is missing on this machine. */
    List<String> missing() {
        return needs.stream().filter(need -> need.startsWith("/")
                ? !Files.exists(Path.of(need))
                : ExternalProcess.onPath(need).isEmpty()).toList();
    }

    @Override
    public String toString() {
        return name;
    }
}
