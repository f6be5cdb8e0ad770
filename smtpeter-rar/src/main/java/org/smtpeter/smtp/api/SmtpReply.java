package org.smtpeter.smtp.api;

import java.io.Serializable;
import java.util.Objects;

/**
 * One SMTP reply: the basic code, the RFC 3463 enhanced status code and a human text.
 * The listener returns these to steer the conversation; the adapter writes them as
 * {@code code enhanced text}. A 3xx reply carries no enhanced code (RFC 2034).
 */
public record SmtpReply(int code, String enhancedStatus, String text) implements Serializable {

    public SmtpReply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("SMTP reply code out of range: " + code);
        }
        Objects.requireNonNull(text, "text");
        if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("reply text must be a single line");
        }
    }

    public static SmtpReply of(int code, String enhancedStatus, String text) {
        return new SmtpReply(code, enhancedStatus, text);
    }

    public boolean isPositive() {
        return code < 400;
    }

    public boolean isTransientFailure() {
        return code >= 400 && code < 500;
    }

    public boolean closesConnection() {
        return code == 421;
    }

    /** The reply as it goes on the wire, without the trailing CRLF. */
    public String line() {
        return enhancedStatus == null || enhancedStatus.isEmpty()
                ? code + " " + text
                : code + " " + enhancedStatus + " " + text;
    }

    @Override
    public String toString() {
        return line();
    }
}
