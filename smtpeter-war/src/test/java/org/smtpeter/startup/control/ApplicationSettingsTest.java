package org.smtpeter.startup.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ApplicationSettingsTest {

    /** A wrong value and what the relay says about it, from {@code startup/invalid-settings.txt}. */
    record Case(String key, String value, String reported) {
        @Override
        public String toString() {
            return key + "=" + value;
        }
    }

    static List<Case> cases() throws IOException {
        try (InputStream in = ApplicationSettingsTest.class.getResourceAsStream("/startup/invalid-settings.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> {
                        String setting = line.substring(0, line.indexOf(" | "));
                        return new Case(setting.substring(0, setting.indexOf('=')),
                                setting.substring(setting.indexOf('=') + 1), line.substring(line.indexOf(" | ") + 3));
                    })
                    .toList();
        }
    }

    private static List<String> problems(Map<String, String> settings) {
        return new ApplicationSettings(key -> Optional.ofNullable(settings.get(key))).problems();
    }

    @Test
    void theDefaultsAreValid() {
        assertEquals(List.of(), problems(Map.of()));
    }

    @Test
    void goodValuesPass() {
        assertEquals(List.of(), problems(Map.of(
                "smtpeter.hostname", "mail.example.com",
                "smtpeter.delivery.smarthost", "[2001:db8::25]:2525",
                "smtpeter.delivery.dns-server", "192.0.2.53",
                "smtpeter.delivery.retry-schedule", "PT30S, PT2M",
                "smtpeter.credentials.pbkdf2-iterations", "1024",
                "smtpeter.tracking.secret", "sixteen-bytes-ok",
                "smtpeter.tracking.base-url", "https://track.example.com",
                "smtpeter.dev-account.enabled", "FALSE")));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void eachWrongValueIsReportedInOneLine(Case wrong) {
        assertEquals(List.of(wrong.reported()), problems(Map.of(wrong.key(), wrong.value())));
    }

    @Test
    void everyProblemIsReportedNotOnlyTheFirst() throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        cases().forEach(wrong -> settings.put(wrong.key(), wrong.value()));
        List<String> expected = cases().stream().map(Case::reported).sorted().toList();
        assertEquals(expected, problems(settings).stream().sorted().toList());
    }
}
