package org.smtpeter.smtp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.smtpeter.smtp.api.ReceivedMessage;
import org.smtpeter.smtp.api.ListenerRole;

/**
 * Drives an {@link SmtpSession} line by line in the style of a mail transcript: each step sends
 * one line and names the reply it expects ({@code "250 2.1.0"}: basic code and enhanced code).
 */
final class Transcript {

    static final String CLIENT_ADDRESS = "192.0.2.7";
    static final int CLIENT_PORT = 40123;

    final RecordingListener listener;
    final SmtpSession session;
    Response last;

    Transcript(Limits limits, RecordingListener listener, AuthThrottle throttle, boolean tlsAvailable) {
        this(new SessionSettings("mx.test", ListenerRole.SUBMISSION, tlsAvailable, limits), listener, throttle);
    }

    Transcript(SessionSettings settings, RecordingListener listener, AuthThrottle throttle) {
        this.listener = listener;
        this.session = new SmtpSession(settings, listener, throttle, CLIENT_ADDRESS, CLIENT_PORT);
    }

    static Transcript start() {
        return start(Limits.defaults());
    }

    static Transcript start(Limits limits) {
        return new Transcript(limits, RecordingListener.strict(), AuthThrottle.NONE, true);
    }

    /** Sends one CRLF-terminated line; the last reply line must start with {@code expected}. */
    Transcript send(String line, String expected) {
        return send(new SmtpInput.Line(line, SmtpInput.Ending.CRLF), expected);
    }

    Transcript send(SmtpInput.Line line, String expected) {
        last = session.handle(line);
        assertReply(expected, last, "after " + line);
        return this;
    }

    Transcript ehlo() {
        return send("EHLO client.test", "250");
    }

    Transcript tls() {
        session.tlsStarted("TLSv1.3", "TLS_AES_128_GCM_SHA256");
        return this;
    }

    /** TLS, EHLO and AUTH PLAIN as alice. */
    Transcript loggedIn() {
        return tls().ehlo().send("AUTH PLAIN " + plain("", "alice", "secret"), "235 2.7.0");
    }

    /** Hands over message data as the conversation would after 354. */
    Transcript data(DataReader.Outcome outcome, String message, String expected) {
        last = session.dataReceived(outcome, message(message.getBytes(StandardCharsets.UTF_8)));
        assertReply(expected, last, "after data (" + outcome + ")");
        return this;
    }

    Transcript expectNext(Response.Next next) {
        assertEquals(next, last.next(), () -> "next step after " + last.lines());
        return this;
    }

    static void assertReply(String expected, Response response, String when) {
        String line = response.lastLine();
        assertTrue(line.equals(expected) || line.startsWith(expected + " ")
                        || (expected.length() == 3 && line.startsWith(expected + "-")),
                () -> "expected " + expected + " " + when + " but got " + response.lines());
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** An RFC 4616 PLAIN message: authzid NUL authcid NUL password, base64-encoded. */
    static String plain(String authzid, String authcid, String password) {
        return base64(authzid + "\0" + authcid + "\0" + password);
    }

    static ReceivedMessage message(byte[] data) {
        return new ReceivedMessage() {
            @Override
            public long size() {
                return data.length;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(data);
            }
        };
    }
}
