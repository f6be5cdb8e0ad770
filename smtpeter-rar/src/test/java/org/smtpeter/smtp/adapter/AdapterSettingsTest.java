package org.smtpeter.smtp.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtpeter.smtp.server.DevCertificate;

class AdapterSettingsTest {

    @TempDir
    Path dir;

    private final Map<String, String> settings = new HashMap<>();

    private List<String> problems() {
        settings.putIfAbsent("smtpeter.tls.keystore", dir.resolve("absent.p12").toString());
        return new AdapterSettings(new Configuration(key -> Optional.ofNullable(settings.get(key)))).problems();
    }

    @Test
    void theDefaultsAreValid() {
        assertEquals(List.of(), problems());
    }

    @Test
    void reportsEveryProblemOnePerLineWithKeyValueAndWhatIsAllowed() {
        settings.put("smtpeter.submission.port", "25x87");
        settings.put("smtpeter.smtps.port", "70000");
        settings.put("smtpeter.mta.enabled", "ture");
        settings.put("smtpeter.limits.max-connections", "ten");
        settings.put("smtpeter.limits.stress-threshold-percent", "120");
        assertEquals(List.of(
                "Invalid setting smtpeter.submission.port=25x87: expected a port number from 1 to 65535, or several"
                        + " separated by commas",
                "Invalid setting smtpeter.smtps.port=70000: expected a port number from 1 to 65535, or several"
                        + " separated by commas",
                "Invalid setting smtpeter.mta.enabled=ture: expected true or false",
                "Invalid setting smtpeter.limits.max-connections=ten: expected a whole number of at least 1",
                "Invalid setting smtpeter.limits.stress-threshold-percent=120: expected a whole number from 1 to 100"),
                problems());
    }

    @Test
    void theBalancersOfThePROXYProtocolAndTheStopGraceAreChecked() {
        settings.put("smtpeter.proxy-protocol.trusted", "10.0.0.5, lb.example.com");
        settings.put("smtpeter.listeners.stop-grace-seconds", "-1");
        assertEquals(List.of(
                "Invalid setting smtpeter.proxy-protocol.trusted=10.0.0.5, lb.example.com: expected addresses or networks"
                        + " of the load balancers separated by commas, such as 10.0.0.5, 192.0.2.0/24 (lb.example.com is"
                        + " not one)",
                "Invalid setting smtpeter.listeners.stop-grace-seconds=-1: expected a whole number from 0 to 600"),
                problems());
        settings.put("smtpeter.proxy-protocol.trusted", "10.0.0.5, 192.0.2.0/24, 2001:db8::/32");
        settings.put("smtpeter.listeners.stop-grace-seconds", "0");
        assertEquals(List.of(), problems());
    }

    @Test
    void aPortBelongsToOneListener() {
        settings.put("smtpeter.submission.port", "2587,2525");
        settings.put("smtpeter.mta.port", "2525");
        assertEquals(List.of("Invalid setting smtpeter.mta.port=2525: expected a port no other listener uses"
                + " (smtpeter.submission.port has it too)"), problems());
    }

    @Test
    void aDisabledListenerDoesNotClaimItsPort() {
        settings.put("smtpeter.mta.enabled", "false");
        settings.put("smtpeter.mta.port", "2587");
        assertEquals(List.of(), problems());
    }

    @Test
    void roleSharesAndPerClientStayWithinTheTotal() {
        settings.put("smtpeter.limits.max-connections", "10");
        settings.put("smtpeter.limits.max-connections-per-client", "11");
        settings.put("smtpeter.mta.max-connections", "12");
        assertEquals(List.of(
                "Invalid setting smtpeter.limits.max-connections-per-client=11: expected at most"
                        + " smtpeter.limits.max-connections (10)",
                "Invalid setting smtpeter.mta.max-connections=12: expected at most smtpeter.limits.max-connections (10)"),
                problems());
    }

    @Test
    void theKeystoreMustOpenWithItsPassword() throws IOException {
        Path keyStore = dir.resolve("relay.p12");
        DevCertificate.createIfMissing(keyStore, "right-password".toCharArray(), "relay.test");
        settings.put("smtpeter.tls.keystore", keyStore.toString());
        settings.put("smtpeter.tls.keystore-password", "wrong-password");
        List<String> problems = problems();
        assertEquals(1, problems.size(), problems::toString);
        assertEquals(true, problems.get(0).startsWith("Invalid setting smtpeter.tls.keystore=" + keyStore
                + ": expected a PKCS12 keystore that opens with smtpeter.tls.keystore-password"), problems.get(0));
        assertEquals(false, problems.get(0).contains("wrong-password"), "the password is never shown");

        settings.put("smtpeter.tls.keystore-password", "right-password");
        assertEquals(List.of(), problems());
    }

    @Test
    void theSmtpsListenerNeedsAKeystoreWhenNoneIsCreated() {
        settings.put("smtpeter.tls.dev-certificate", "false");
        assertEquals(List.of("Invalid setting smtpeter.tls.keystore=" + dir.resolve("absent.p12") + ": expected an"
                + " existing keystore file: the smtps listener needs one (or smtpeter.tls.dev-certificate=true, or"
                + " smtpeter.smtps.enabled=false)"), problems());
        settings.put("smtpeter.smtps.enabled", "false");
        assertEquals(List.of(), problems());
    }
}
