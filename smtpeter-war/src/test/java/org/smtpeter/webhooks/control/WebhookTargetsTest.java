package org.smtpeter.webhooks.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.smtpeter.smtp.api.SettingsCheck;

class WebhookTargetsTest {

    private static WebhookTargets targets(boolean allowPrivate) {
        WebhookTargets targets = new WebhookTargets();
        targets.settings = new WebhookSettings().read(new SettingsCheck(key -> Optional.ofNullable(Map.of(
                WebhookSettings.ALLOW_PRIVATE, Boolean.toString(allowPrivate)).get(key))));
        return targets;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ftp://hooks.example.com/in | only http and https URLs are called",
            "file:///etc/passwd | only http and https URLs are called",
            "javascript:alert(1) | only http and https URLs are called",
            "hooks.example.com/in | only http and https URLs are called",
            "https:///in | the url has no host",
            "https://user:pw@hooks.example.com/in | the url must not hold a user name or password",
            "https://hooks example.com/ | not a URL: Illegal character in authority"})
    void onlyHttpUrlsWithAHostAreTaken(String url, String reason) {
        WebhookTargets.RefusedTarget refused = org.junit.jupiter.api.Assertions.assertThrows(
                WebhookTargets.RefusedTarget.class, () -> WebhookTargets.parse(url));
        assertEquals(reason, refused.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http://127.0.0.1:8080/hook | 127.0.0.1",
            "http://localhost/hook | 127.0.0.1",
            "https://[::1]/hook | 0:0:0:0:0:0:0:1",
            "http://169.254.169.254/latest/meta-data | 169.254.169.254",
            "http://10.0.0.7/hook | 10.0.0.7",
            "http://[::ffff:192.168.0.1]/hook | 192.168.0.1"})
    void nonPublicAddressesAreRefusedByDefault(String url, String address) {
        WebhookTargets.RefusedTarget refused = org.junit.jupiter.api.Assertions.assertThrows(
                WebhookTargets.RefusedTarget.class, () -> targets(false).check(url));
        assertTrue(refused.getMessage().contains("non-public address " + address), refused.getMessage());
    }

    @Test
    void theConfigurationMayAllowThem() throws WebhookTargets.RefusedTarget {
        assertEquals("http://127.0.0.1:8080/hook", targets(true).check("http://127.0.0.1:8080/hook").toString());
    }

    @Test
    void aPublicAddressIsTaken() throws WebhookTargets.RefusedTarget {
        assertEquals("https://93.184.215.14/hook", targets(false).check("https://93.184.215.14/hook").toString());
    }
}
