package org.smtpeter.smtp.adapter;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads {@code smtpeter.*} settings the way MicroProfile Config does. Inside Payara the
 * container's MicroProfile Config answers (system properties, environment variables, server
 * config sources); where that API is not visible to the adapter, system properties and
 * environment variables are read directly with MicroProfile's name mapping, so
 * {@code smtpeter.submission.port} can always be given as {@code SMTPETER_SUBMISSION_PORT}.
 */
final class Configuration {

    private final boolean microProfile;
    private final Function<String, Optional<String>> source;

    Configuration() {
        this.microProfile = microProfileAvailable();
        this.source = this::lookup;
    }

    /** Settings from elsewhere, for tests. */
    Configuration(Function<String, Optional<String>> source) {
        this.microProfile = false;
        this.source = source;
    }

    Optional<String> get(String key) {
        return source.apply(key);
    }

    private Optional<String> lookup(String key) {
        if (microProfile) {
            try {
                return org.eclipse.microprofile.config.ConfigProvider.getConfig(getClass().getClassLoader())
                        .getOptionalValue(key, String.class);
            } catch (RuntimeException | LinkageError unavailable) {
                // fall through to the direct lookup
            }
        }
        return direct(key);
    }

    String get(String key, String defaultValue) {
        return get(key).filter(value -> !value.isBlank()).orElse(defaultValue);
    }

    int getInt(String key, int defaultValue) {
        return get(key).map(String::strip).map(Integer::parseInt).orElse(defaultValue);
    }

    long getLong(String key, long defaultValue) {
        return get(key).map(String::strip).map(Long::parseLong).orElse(defaultValue);
    }

    boolean getBoolean(String key, boolean defaultValue) {
        return get(key).map(String::strip).map(Boolean::parseBoolean).orElse(defaultValue);
    }

    static Optional<String> direct(String key) {
        String property = System.getProperty(key);
        if (property != null) {
            return Optional.of(property);
        }
        String sanitized = key.replaceAll("[^A-Za-z0-9_]", "_");
        for (String name : new String[] {key, sanitized, sanitized.toUpperCase(Locale.ROOT)}) {
            String value = System.getenv(name);
            if (value != null) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    private static boolean microProfileAvailable() {
        try {
            Class.forName("org.eclipse.microprofile.config.ConfigProvider", false, Configuration.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }
}
