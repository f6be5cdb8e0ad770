package org.smtpeter.domains.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.smtpeter.domains.entity.DkimAlgorithm;
import org.smtpeter.testing.DkimVerifier;
import org.smtpeter.testing.DkimVerifier.Verdict;
import org.smtpeter.testing.TestDns;

/**
 * Signs fixture messages with an RSA and an Ed25519 key and has python3-dkim verify both
 * signatures against the test's own DNS server.
 */
class DkimSignerTest {

    private static final Instant NOW = Instant.parse("2025-03-05T08:31:00Z");

    private static TestDns dns;
    private static List<SigningKey> keys;

    @BeforeAll
    static void publishKeys() throws IOException {
        dns = new TestDns();
        KeyPair rsa = KeyPairs.generate(DkimAlgorithm.RSA);
        KeyPair ed25519 = KeyPairs.generate(DkimAlgorithm.ED25519);
        dns.txt("r1._domainkey.example.com", KeyPairs.keyRecord(DkimAlgorithm.RSA,
                KeyPairs.publicKeyTag(DkimAlgorithm.RSA, rsa.getPublic())));
        dns.txt("e1._domainkey.example.com", KeyPairs.keyRecord(DkimAlgorithm.ED25519,
                KeyPairs.publicKeyTag(DkimAlgorithm.ED25519, ed25519.getPublic())));
        // The customer's own key: their old signature is checked against it and fails.
        dns.txt("customer._domainkey.example.com", KeyPairs.keyRecord(DkimAlgorithm.RSA,
                KeyPairs.publicKeyTag(DkimAlgorithm.RSA, KeyPairs.generate(DkimAlgorithm.RSA).getPublic())));
        keys = List.of(new SigningKey("example.com", "r1", DkimAlgorithm.RSA, rsa.getPrivate()),
                new SigningKey("example.com", "e1", DkimAlgorithm.ED25519, ed25519.getPrivate()));
    }

    @AfterAll
    static void stopDns() {
        dns.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dkim/plain.eml", "dkim/eightbit.eml", "dkim/long-headers.eml",
            "mime/mixed-pdf-attachment.eml", "mime/newsletter-alternative.eml", "mime/windows-1252-8bit.eml"})
    void bothSignaturesVerify(String fixture) throws Exception {
        List<Verdict> verdicts = DkimVerifier.verify(signed(fixture(fixture)), dns);

        assertEquals(List.of(new Verdict("example.com", "r1", "rsa-sha256", true),
                new Verdict("example.com", "e1", "ed25519-sha256", true)), verdicts);
    }

    @Test
    void aSignatureTheCustomerMadeBeforeFailsAndTheRelaysPasses() throws Exception {
        List<Verdict> verdicts = DkimVerifier.verify(signed(fixture("dkim/presigned.eml")), dns);

        assertEquals(List.of(new Verdict("example.com", "r1", "rsa-sha256", true),
                new Verdict("example.com", "e1", "ed25519-sha256", true),
                new Verdict("example.com", "customer", "rsa-sha256", false)), verdicts);
    }

    @Test
    void aChangedBodyFailsVerification() throws Exception {
        byte[] signed = signed(fixture("dkim/plain.eml"));
        String tampered = new String(signed, StandardCharsets.ISO_8859_1).replace("Thanks for", "Thanks four");

        List<Verdict> verdicts = DkimVerifier.verify(tampered.getBytes(StandardCharsets.ISO_8859_1), dns);

        assertFalse(verdicts.get(0).pass());
        assertFalse(verdicts.get(1).pass());
    }

    @Test
    void anAddedFromFailsVerificationBecauseFromIsOverSigned() throws Exception {
        byte[] signed = signed(fixture("dkim/plain.eml"));
        String text = new String(signed, StandardCharsets.ISO_8859_1);
        int body = text.indexOf("\r\n\r\n");
        String added = text.substring(0, body) + "\r\nFrom: Impostor <ceo@example.com>" + text.substring(body);

        assertFalse(DkimVerifier.verify(added.getBytes(StandardCharsets.ISO_8859_1), dns).get(0).pass());
    }

    @Test
    void hListsThePresentFieldsAndFromOnceMore() {
        String signature = new String(signed(fixture("dkim/long-headers.eml")), StandardCharsets.ISO_8859_1);
        String unfolded = signature.substring(0, signature.indexOf("\r\n\r\n")).replaceAll("\r\n[ \t]+", " ");
        String h = unfolded.replaceAll("(?s).*?h=([^;]*);.*", "$1").replace(" ", "");

        assertEquals("from:from:to:to:subject:date:message-id:mime-version:content-type", h);
    }

    @Test
    void theBodyHashIsRfc6376sForTheEmptyBodyAndIgnoresTrailingWhitespaceAndEmptyLines() {
        assertEquals("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", bodyHash("\r\n"));
        assertEquals(bodyHash("\r\nHello world\r\n"), bodyHash("\r\nHello \t world  \r\n\r\n\r\n"));
        assertTrue(!bodyHash("\r\nHello world\r\n").equals(bodyHash("\r\nHelloworld\r\n")));
        assertEquals(bodyHash("\r\nno line end\r\n"), bodyHash("\r\nno line end"));
    }

    private static String bodyHash(String body) {
        return Base64.getEncoder().encodeToString(DkimSigner.bodyHash(out -> out.write(body.getBytes(StandardCharsets.US_ASCII))));
    }

    /** Signed as the relay does: header section and body apart, signatures on top. */
    private static byte[] signed(byte[] message) {
        int bodyOffset = bodyOffset(message);
        byte[] head = Arrays.copyOfRange(message, 0, bodyOffset);
        byte[] body = Arrays.copyOfRange(message, bodyOffset, message.length);
        byte[] signatures = DkimSigner.signatures(head, out -> out.write(body), keys, NOW);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(signatures);
        all.writeBytes(message);
        return all.toByteArray();
    }

    private static int bodyOffset(byte[] message) {
        for (int i = 0; i + 3 < message.length; i++) {
            if (message[i] == '\r' && message[i + 1] == '\n' && message[i + 2] == '\r' && message[i + 3] == '\n') {
                return i + 2;
            }
        }
        return message.length;
    }

    /** A fixture with CRLF line ends, as the relay stores what it receives. */
    private static byte[] fixture(String name) {
        try (InputStream in = DkimSignerTest.class.getClassLoader().getResourceAsStream(name)) {
            String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("no fixture " + name, e);
        }
    }
}
