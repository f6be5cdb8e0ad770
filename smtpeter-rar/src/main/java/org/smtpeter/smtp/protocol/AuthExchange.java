package org.smtpeter.smtp.protocol;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;

import org.smtpeter.smtp.api.SmtpReply;

/**
 * One SASL exchange for AUTH PLAIN (RFC 4616) or AUTH LOGIN (draft-murchison-sasl-login),
 * with or without an initial response. Feed it the AUTH argument, then each continuation
 * line, until it yields credentials or a failure reply.
 */
final class AuthExchange {

    /** What the exchange needs next. */
    sealed interface Step permits Challenge, Credentials, Failure {
    }

    /** Send {@code 334 <prompt>} and pass the client's next line to {@link #next}. */
    record Challenge(String prompt) implements Step {
        SmtpReply reply() {
            return SmtpReply.of(334, null, prompt);
        }
    }

    /** The client has said who it is; check the password, then clear it. */
    record Credentials(String username, char[] password) implements Step {
        void clear() {
            Arrays.fill(password, '\0');
        }
    }

    record Failure(SmtpReply reply) implements Step {
    }

    private static final String USERNAME_PROMPT = "VXNlcm5hbWU6";
    private static final String PASSWORD_PROMPT = "UGFzc3dvcmQ6";

    private enum Mechanism { PLAIN, LOGIN }

    private final Mechanism mechanism;
    private String loginUsername;

    private AuthExchange(Mechanism mechanism) {
        this.mechanism = mechanism;
    }

    /** Starts an exchange from the argument of AUTH; the returned exchange is null on failure. */
    static Started start(String argument) {
        String[] parts = argument.strip().split(" +");
        if (parts.length == 0 || parts[0].isEmpty() || parts.length > 2) {
            return new Started(null, new Failure(Replies.syntax("Syntax: AUTH mechanism [initial-response]")));
        }
        Mechanism mechanism;
        try {
            mechanism = Mechanism.valueOf(parts[0].toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return new Started(null, new Failure(Replies.UNKNOWN_MECHANISM));
        }
        AuthExchange exchange = new AuthExchange(mechanism);
        if (parts.length == 2) {
            return new Started(exchange, exchange.next(parts[1]));
        }
        return new Started(exchange, mechanism == Mechanism.PLAIN ? new Challenge("") : new Challenge(USERNAME_PROMPT));
    }

    record Started(AuthExchange exchange, Step step) {
    }

    /** Takes the client's next response (base64, {@code =} for empty, {@code *} to cancel). */
    Step next(String response) {
        String text = response.strip();
        if (text.equals("*")) {
            return new Failure(Replies.AUTH_CANCELLED);
        }
        byte[] decoded;
        try {
            decoded = text.equals("=") ? new byte[0] : Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException notBase64) {
            return new Failure(Replies.AUTH_MALFORMED);
        }
        try {
            return mechanism == Mechanism.PLAIN ? plain(decoded) : login(decoded);
        } finally {
            Arrays.fill(decoded, (byte) 0);
        }
    }

    private Step plain(byte[] message) {
        // authzid NUL authcid NUL passwd
        int first = indexOf(message, 0);
        int second = first < 0 ? -1 : indexOf(message, first + 1);
        if (first < 0 || second < 0 || indexOf(message, second + 1) >= 0) {
            return new Failure(Replies.AUTH_MALFORMED);
        }
        char[] authzid = utf8(message, 0, first);
        char[] authcid = utf8(message, first + 1, second);
        char[] password = utf8(message, second + 1, message.length);
        if (authzid == null || authcid == null || password == null || authcid.length == 0) {
            return new Failure(Replies.AUTH_MALFORMED);
        }
        if (authzid.length > 0 && !Arrays.equals(authzid, authcid)) {
            // Acting as another user is not something an SMTP credential may do.
            return new Failure(Replies.AUTH_FAILED);
        }
        return new Credentials(new String(authcid), password);
    }

    private Step login(byte[] message) {
        char[] text = utf8(message, 0, message.length);
        if (text == null) {
            return new Failure(Replies.AUTH_MALFORMED);
        }
        if (loginUsername == null) {
            if (text.length == 0) {
                return new Failure(Replies.AUTH_MALFORMED);
            }
            loginUsername = new String(text);
            return new Challenge(PASSWORD_PROMPT);
        }
        return new Credentials(loginUsername, text);
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Strict UTF-8 decoding into a char array (so the password never becomes a String). */
    private static char[] utf8(byte[] bytes, int from, int to) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, from, to - from));
            char[] result = new char[chars.remaining()];
            chars.get(result);
            Arrays.fill(chars.array(), '\0');
            return result;
        } catch (CharacterCodingException malformed) {
            return null;
        }
    }
}
