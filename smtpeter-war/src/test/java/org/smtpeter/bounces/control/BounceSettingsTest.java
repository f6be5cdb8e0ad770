package org.smtpeter.bounces.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BounceSettingsTest {

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        BounceSettings settings = settings("P30D", "1048576", "3");

        settings.check();

        assertEquals(new BounceSettings.Limits(Duration.ofDays(30), 1_048_576, Duration.ofHours(1), 10, 1000, 3, 100),
                settings.limits());
    }

    @Test
    void aBadValueNamesItsKey() {
        assertEquals("smtpeter.bounces.address-lifetime must be a positive ISO-8601 duration such as P30D or PT1H, not '30'",
                assertThrows(IllegalArgumentException.class, () -> settings("30", "1048576", "3").check()).getMessage());
        assertEquals("smtpeter.bounces.address-lifetime must be a positive ISO-8601 duration such as P30D or PT1H, not 'PT0S'",
                assertThrows(IllegalArgumentException.class, () -> settings("PT0S", "1048576", "3").check()).getMessage());
        assertEquals("smtpeter.bounces.max-message-size must be a whole number above 0, not '1 MiB'",
                assertThrows(IllegalArgumentException.class, () -> settings("P30D", "1 MiB", "3").check()).getMessage());
        assertEquals("smtpeter.bounces.rate.forwards-per-address must be a whole number above 0, not '-1'",
                assertThrows(IllegalArgumentException.class, () -> settings("P30D", "1048576", "-1").check()).getMessage());
    }

    private static BounceSettings settings(String lifetime, String maxSize, String forwardsPerAddress) {
        BounceSettings settings = new BounceSettings();
        settings.addressLifetime = lifetime;
        settings.maxMessageSize = maxSize;
        settings.rateWindow = "PT1H";
        settings.perAddress = "10";
        settings.perClient = "1000";
        settings.forwardsPerAddress = forwardsPerAddress;
        settings.forwardsPerClient = "100";
        return settings;
    }
}
