package org.smtpeter.smtp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** PROXY headers as balancers send them, from {@code proxy/cases.txt} and the fixture files it names. */
class ProxyHeaderTest {

    record Case(String file, String expected) {
        @Override
        public String toString() {
            return file + " -> " + expected;
        }
    }

    static List<Case> cases() throws IOException {
        return new String(resource("cases.txt"), StandardCharsets.UTF_8).lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> new Case(line.substring(0, line.indexOf(" | ")), line.substring(line.indexOf(" | ") + 3)))
                .toList();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void readsTheClientAndNothingAfterTheHeader(Case fixture) throws IOException {
        InputStream in = new ByteArrayInputStream(resource(fixture.file()));
        if (fixture.expected().equals("invalid")) {
            assertThrows(IOException.class, () -> ProxyHeader.read(in));
            return;
        }
        Optional<InetSocketAddress> client = ProxyHeader.read(in);
        assertEquals(fixture.expected(), client.map(a -> a.getAddress().getHostAddress() + ":" + a.getPort()).orElse("local"));
        assertEquals("EHLO client.example\r\n", new String(in.readAllBytes(), StandardCharsets.US_ASCII),
                "the bytes after the header are left for the session");
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ProxyHeaderTest.class.getResourceAsStream("/proxy/" + name)) {
            if (in == null) {
                throw new IOException("no fixture /proxy/" + name);
            }
            return in.readAllBytes();
        }
    }
}
