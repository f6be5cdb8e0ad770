package org.smtpeter.bounces.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.smtpeter.smtp.api.SettingsCheck;

class BounceSettingsTest {

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        SettingsCheck settings = settings(Map.of());

        assertEquals(new BounceSettings.Limits(Duration.ofDays(30), 1_048_576, Duration.ofHours(1), 10, 1000, 3, 100),
                BounceSettings.Limits.read(settings));
        assertEquals(List.of(), settings.problems());
    }

    @Test
    void aBadValueNamesItsKeyAndTheDefaultStandsIn() {
        SettingsCheck settings = settings(Map.of("smtpeter.bounces.address-lifetime", "PT0S",
                "smtpeter.bounces.max-message-size", "1 MiB", "smtpeter.bounces.rate.forwards-per-address", "-1"));

        BounceSettings.Limits limits = BounceSettings.Limits.read(settings);

        assertEquals(List.of(
                "Invalid setting smtpeter.bounces.address-lifetime=PT0S: expected a positive ISO-8601 duration such as"
                        + " PT30S, PT1H or P30D",
                "Invalid setting smtpeter.bounces.max-message-size=1 MiB: expected a whole number of at least 1",
                "Invalid setting smtpeter.bounces.rate.forwards-per-address=-1: expected a whole number of at least 1"),
                settings.problems());
        assertEquals(Duration.ofDays(30), limits.addressLifetime());
    }

    private static SettingsCheck settings(Map<String, String> values) {
        return new SettingsCheck(key -> Optional.ofNullable(values.get(key)));
    }
}
