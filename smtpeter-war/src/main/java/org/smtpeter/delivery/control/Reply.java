package org.smtpeter.delivery.control;

/**
 * What happened to one recipient in one attempt: the remote reply, or a local stand-in when
 * there was no reply (code 0: connection, TLS or DNS trouble, with an RFC 3463 code that says which).
 */
public record Reply(int code, String enhancedCode, String text) {

    /** Parses {@code 550 5.1.1 User unknown} (Angus includes the code in its messages). */
    public static Reply parse(int code, String response) {
        String text = response == null ? "" : response.strip();
        if (code < 200 || code > 599) {
            // Angus reports -1 when the connection ended instead of a reply.
            return local("4.4.2", "no reply from the next hop" + (text.isEmpty() ? "" : ": " + text));
        }
        if (text.length() >= 3 && text.substring(0, 3).chars().allMatch(Character::isDigit)) {
            text = text.substring(3).replaceFirst("^[ -]", "");
        }
        String enhanced = null;
        String[] words = text.split(" ", 2);
        if (words[0].matches("[245]\\.\\d{1,3}\\.\\d{1,3}")) {
            enhanced = words[0];
            text = words.length > 1 ? words[1] : "";
        }
        if (enhanced == null) {
            enhanced = code >= 500 ? "5.0.0" : code >= 400 ? "4.0.0" : "2.0.0";
        }
        return new Reply(code, enhanced, text.replace('\r', ' ').replace('\n', ' ').strip());
    }

    public static Reply local(String enhancedCode, String text) {
        return new Reply(0, enhancedCode, text);
    }

    /**
     * A failure of the relay itself while trying (a bug, a message it cannot prepare): temporary,
     * so that it is retried on the schedule and ends, like any other, with the delivery's expiry.
     */
    public static Reply unexpected(Throwable failure) {
        return local("4.3.0", "local error: " + describe(failure));
    }

    /** The innermost cause's message on one line: what an operator can act on. */
    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.replace('\r', ' ').replace('\n', ' ').strip();
    }

    public boolean isSuccess() {
        return code >= 200 && code < 300;
    }

    /** 5xx, or a local failure with a 5.x.x code (no such domain, null MX). */
    public boolean isPermanent() {
        return code >= 500 || (code == 0 && enhancedCode.startsWith("5"));
    }

    @Override
    public String toString() {
        return (code == 0 ? "" : code + " ") + enhancedCode + " " + text;
    }
}
