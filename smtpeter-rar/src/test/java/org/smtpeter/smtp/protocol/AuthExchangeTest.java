package org.smtpeter.smtp.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.smtpeter.smtp.protocol.Transcript.base64;
import static org.smtpeter.smtp.protocol.Transcript.plain;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthExchangeTest {

    private static void assertCredentials(String user, String password, AuthExchange.Step step) {
        AuthExchange.Credentials credentials = assertInstanceOf(AuthExchange.Credentials.class, step);
        assertEquals(user, credentials.username());
        assertArrayEquals(password.toCharArray(), credentials.password());
    }

    private static void assertFailure(String codes, AuthExchange.Step step) {
        AuthExchange.Failure failure = assertInstanceOf(AuthExchange.Failure.class, step);
        assertEquals(codes, failure.reply().code() + " " + failure.reply().enhancedStatus());
    }

    private static String challenge(AuthExchange.Step step) {
        return assertInstanceOf(AuthExchange.Challenge.class, step).reply().line();
    }

    private static String encode(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Test
    void plainWithInitialResponse() {
        AuthExchange.Started started = AuthExchange.start("PLAIN " + plain("", "alice", "secret"));
        assertNotNull(started.exchange());
        assertCredentials("alice", "secret", started.step());
    }

    @Test
    void plainWithoutInitialResponse() {
        AuthExchange.Started started = AuthExchange.start("plain");
        assertEquals("334 ", challenge(started.step()));
        assertCredentials("alice", "s3cr3t wörd", started.exchange().next(plain("", "alice", "s3cr3t wörd")));
    }

    @Test
    void plainAuthzidEqualToAuthcidIsAccepted() {
        assertCredentials("alice", "secret", AuthExchange.start("PLAIN " + plain("alice", "alice", "secret")).step());
    }

    @Test
    void plainAuthzidOfAnotherUserFails() {
        assertFailure("535 5.7.8", AuthExchange.start("PLAIN " + plain("admin", "alice", "secret")).step());
    }

    @Test
    void plainAllowsAnEmptyPasswordButNotAnEmptyUser() {
        assertCredentials("alice", "", AuthExchange.start("PLAIN " + plain("", "alice", "")).step());
        assertFailure("501 5.5.2", AuthExchange.start("PLAIN " + plain("", "", "secret")).step());
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice\0secret", "\0alice\0secret\0", "no nul at all", ""})
    void plainWithWrongNumberOfNulsIsMalformed(String message) {
        String encoded = message.isEmpty() ? "=" : base64(message);
        assertFailure("501 5.5.2", AuthExchange.start("PLAIN " + encoded).step());
    }

    @Test
    void plainWithInvalidUtf8IsMalformed() {
        byte[] message = {0, 'a', 'l', 'i', 'c', 'e', 0, (byte) 0xC3, (byte) 0x28};
        assertFailure("501 5.5.2", AuthExchange.start("PLAIN " + encode(message)).step());
    }

    @Test
    void loginWithoutInitialResponse() {
        AuthExchange.Started started = AuthExchange.start("LOGIN");
        assertEquals("334 VXNlcm5hbWU6", challenge(started.step()));
        assertEquals("Username:", new String(Base64.getDecoder().decode("VXNlcm5hbWU6"), StandardCharsets.US_ASCII));
        assertEquals("334 UGFzc3dvcmQ6", challenge(started.exchange().next(base64("alice"))));
        assertCredentials("alice", "secret", started.exchange().next(base64("secret")));
    }

    @Test
    void loginWithInitialResponse() {
        AuthExchange.Started started = AuthExchange.start("LOGIN " + base64("alice"));
        assertEquals("334 UGFzc3dvcmQ6", challenge(started.step()));
        assertCredentials("alice", "secret", started.exchange().next(base64("secret")));
    }

    @Test
    void equalsSignIsAnEmptyResponse() {
        AuthExchange.Started started = AuthExchange.start("LOGIN " + base64("alice"));
        assertCredentials("alice", "", started.exchange().next("="));
        assertFailure("501 5.5.2", AuthExchange.start("LOGIN =").step()); // an empty user name is not a user
    }

    @Test
    void starCancelsAtEveryStep() {
        assertFailure("501 5.0.0", AuthExchange.start("PLAIN").exchange().next("*"));
        AuthExchange login = AuthExchange.start("LOGIN").exchange();
        assertFailure("501 5.0.0", login.next("*"));
        AuthExchange password = AuthExchange.start("LOGIN " + base64("alice")).exchange();
        assertFailure("501 5.0.0", password.next(" * "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not base64!", "YWxp Y2U=", "Y", "ä"})
    void responsesThatAreNotBase64AreMalformed(String response) {
        assertFailure("501 5.5.2", AuthExchange.start("LOGIN").exchange().next(response));
    }

    @Test
    void surroundingWhitespaceIsIgnored() {
        assertCredentials("alice", "secret", AuthExchange.start("PLAIN").exchange().next("  " + plain("", "alice", "secret") + " "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"CRAM-MD5", "XOAUTH2 dG9rZW4=", "SCRAM-SHA-256", "GSSAPI"})
    void unknownMechanismsAreRefused(String argument) {
        AuthExchange.Started started = AuthExchange.start(argument);
        assertNull(started.exchange());
        assertFailure("504 5.5.4", started.step());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "PLAIN a b"})
    void malformedAuthArgumentsAreSyntaxErrors(String argument) {
        AuthExchange.Started started = AuthExchange.start(argument);
        assertNull(started.exchange());
        assertFailure("501 5.5.4", started.step());
    }

    @Test
    void clearWipesThePassword() {
        AuthExchange.Credentials credentials = assertInstanceOf(AuthExchange.Credentials.class,
                AuthExchange.start("PLAIN " + plain("", "alice", "secret")).step());
        credentials.clear();
        assertArrayEquals(new char[6], credentials.password());
    }
}
