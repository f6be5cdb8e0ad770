package org.smtpeter.dashboard.boundary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.smtpeter.testing.Relay;

/**
 * Reads the first administrator's password where an operator reads it: from the banner in the
 * server log of the first start (later starts of the same server print none).
 */
final class InitialAdminLog {

    private static final Pattern BANNER = Pattern.compile(
            "SMTPeter dashboard administrator =+\\R.*\\R\\s+User:\\s+admin\\R\\s+Password:\\s+(\\S+)");

    private InitialAdminLog() {
    }

    static String password(Relay relay) {
        List<String> found = banners(relay.server().workDir());
        if (found.size() != 1) {
            throw new AssertionError("expected the administrator banner exactly once in the server logs, found " + found.size());
        }
        return found.get(0);
    }

    static List<String> banners(Path workDir) {
        try (var logs = Files.list(workDir)) {
            return logs.filter(path -> path.getFileName().toString().matches("payara-micro-\\d+\\.log")).sorted()
                    .flatMap(path -> passwordsIn(path).stream()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> passwordsIn(Path log) {
        try {
            Matcher matcher = BANNER.matcher(Files.readString(log, StandardCharsets.ISO_8859_1));
            return matcher.results().map(result -> result.group(1)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
