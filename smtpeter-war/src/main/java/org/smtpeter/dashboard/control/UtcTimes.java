package org.smtpeter.dashboard.control;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Times as the dashboard shows and reads them: always UTC, as the relay stores them, so what an
 * operator sees matches the logs and the REST API whatever the browser's time zone.
 */
public final class UtcTimes {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    /** What {@code <input type="datetime-local">} sends and expects. */
    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private UtcTimes() {
    }

    public static String format(Instant time) {
        return time == null ? "" : SHOWN.format(time);
    }

    public static String formatInput(Instant time) {
        return time == null ? null : INPUT.format(LocalDateTime.ofInstant(time, ZoneOffset.UTC));
    }

    /**
     * Reads a {@code datetime-local} value ({@code 2025-06-01T14:30}, seconds allowed) or a plain
     * date ({@code 2025-06-01}, meaning its midnight) as UTC; empty when blank.
     *
     * @throws IllegalArgumentException when it is neither
     */
    public static Optional<Instant> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String value = text.strip();
        try {
            if (value.length() == 10) {
                return Optional.of(LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC));
            }
            return Optional.of(LocalDateTime.parse(value).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + value + "' is not a time like 2025-06-01T14:30 (UTC)", e);
        }
    }
}
