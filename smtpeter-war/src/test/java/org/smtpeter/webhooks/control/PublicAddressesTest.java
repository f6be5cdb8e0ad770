package org.smtpeter.webhooks.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PublicAddressesTest {

    record Case(String address, boolean isPublic, String why) {
        @Override
        public String toString() {
            return address + " (" + why + ")";
        }
    }

    static List<Case> cases() throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                PublicAddressesTest.class.getResourceAsStream("/webhooks/addresses.tsv"), StandardCharsets.UTF_8))) {
            return in.lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("\t"))
                    .map(f -> new Case(f[0], switch (f[1]) {
                        case "public" -> true;
                        case "not" -> false;
                        default -> throw new IllegalArgumentException(f[1]);
                    }, f[2]))
                    .toList();
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void onlyPublicAddressesAreCalled(Case address) throws IOException {
        assertEquals(address.isPublic(), PublicAddresses.isPublic(InetAddress.getByName(address.address())),
                address.toString());
    }
}
