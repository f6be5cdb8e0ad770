package org.smtpeter.smtp.api;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads settings strictly and collects every problem instead of stopping at the first, each as one
 * line that names the key, the value given and what is allowed. The adapter and the application
 * check their settings with it when they start, before anything binds or writes; a value that is
 * not valid gives its default back, so the checks after it still run.
 */
public final class SettingsCheck {

    /** The spellings MicroProfile Config's boolean converter knows; anything else is a typo. */
    private static final Set<String> TRUE = Set.of("true", "yes", "y", "on", "1");
    private static final Set<String> FALSE = Set.of("false", "no", "n", "off", "0");

    private final Function<String, Optional<String>> lookup;
    private final List<String> problems = new ArrayList<>();

    /** @param lookup the raw value of a key, as MicroProfile Config gives it */
    public SettingsCheck(Function<String, Optional<String>> lookup) {
        this.lookup = lookup;
    }

    /** The value, stripped; empty when unset or blank (blank means "use the default"). */
    public Optional<String> text(String key) {
        return lookup.apply(key).map(String::strip).filter(value -> !value.isEmpty());
    }

    public long whole(String key, long defaultValue, long min, long max) {
        Optional<String> value = text(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            long number = Long.parseLong(value.get());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        invalid(key, value.get(), max == Long.MAX_VALUE || max == Integer.MAX_VALUE
                ? "a whole number of at least " + min : "a whole number from " + min + " to " + max);
        return defaultValue;
    }

    public int count(String key, int defaultValue, int min) {
        return (int) whole(key, defaultValue, min, Integer.MAX_VALUE);
    }

    public int port(String key, int defaultValue) {
        return (int) whole(key, defaultValue, 1, 65_535);
    }

    /** Comma-separated ports, each 1-65535. */
    public List<Integer> ports(String key, String defaultValue) {
        String value = text(key).orElse(defaultValue);
        List<Integer> ports = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            try {
                int port = Integer.parseInt(part.strip());
                if (port >= 1 && port <= 65_535) {
                    ports.add(port);
                    continue;
                }
            } catch (NumberFormatException notANumber) {
                // reported below
            }
            invalid(key, value, "a port number from 1 to 65535, or several separated by commas");
            return List.of();
        }
        return ports;
    }

    public boolean flag(String key, boolean defaultValue) {
        Optional<String> value = text(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        String lower = value.get().toLowerCase(Locale.ROOT);
        if (TRUE.contains(lower) || FALSE.contains(lower)) {
            return TRUE.contains(lower);
        }
        invalid(key, value.get(), "true or false");
        return defaultValue;
    }

    /** A positive ISO-8601 duration such as PT1H or P30D. */
    public Duration duration(String key, String defaultValue) {
        String value = text(key).orElse(defaultValue);
        Optional<Duration> duration = positiveDuration(value);
        if (duration.isEmpty()) {
            invalid(key, value, "a positive ISO-8601 duration such as PT30S, PT1H or P30D");
            return Duration.parse(defaultValue);
        }
        return duration.get();
    }

    /** Comma-separated positive ISO-8601 durations. */
    public List<Duration> durations(String key, String defaultValue) {
        String value = text(key).orElse(defaultValue);
        List<Duration> durations = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            Optional<Duration> duration = positiveDuration(part.strip());
            if (duration.isEmpty()) {
                invalid(key, value, "positive ISO-8601 durations separated by commas, such as PT1M,PT5M,PT1H");
                return List.of();
            }
            durations.add(duration.get());
        }
        return durations;
    }

    /** One of the given words, in any case. */
    public String oneOf(String key, String defaultValue, List<String> allowed) {
        String value = text(key).orElse(defaultValue);
        if (allowed.contains(value.toLowerCase(Locale.ROOT))) {
            return value.toLowerCase(Locale.ROOT);
        }
        invalid(key, value, "one of " + String.join(", ", allowed));
        return defaultValue;
    }

    /** A problem found by a check of the caller's own, such as a relation between two keys. */
    public void invalid(String key, String value, String allowed) {
        problems.add("Invalid setting " + key + "=" + value + ": expected " + allowed);
    }

    /** As {@link #invalid}, for a secret: the value is never shown, only what is wrong with it. */
    public void invalidSecret(String key, String whatIsWrong, String allowed) {
        problems.add("Invalid setting " + key + " (value hidden, " + whatIsWrong + "): expected " + allowed);
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    private static Optional<Duration> positiveDuration(String value) {
        try {
            Duration duration = Duration.parse(value);
            return duration.isNegative() || duration.isZero() ? Optional.empty() : Optional.of(duration);
        } catch (DateTimeParseException notADuration) {
            return Optional.empty();
        }
    }
}
