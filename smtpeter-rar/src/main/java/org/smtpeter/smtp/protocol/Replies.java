package org.smtpeter.smtp.protocol;

import org.smtpeter.smtp.api.SmtpReply;

/** The fixed replies of the protocol engine, with their RFC 3463 enhanced codes. */
final class Replies {

    static final SmtpReply OK = SmtpReply.of(250, "2.0.0", "OK");
    static final SmtpReply SENDER_OK = SmtpReply.of(250, "2.1.0", "Sender OK");
    static final SmtpReply RESET = SmtpReply.of(250, "2.0.0", "Reset OK");
    static final SmtpReply BYE = SmtpReply.of(221, "2.0.0", "Bye");
    static final SmtpReply VRFY = SmtpReply.of(252, "2.5.0", "Cannot verify the user, but will accept the message and attempt delivery");
    static final SmtpReply DUPLICATE_RECIPIENT = SmtpReply.of(250, "2.1.5", "Recipient OK (duplicate, one copy is sent)");
    static final SmtpReply HELP = SmtpReply.of(214, "2.0.0",
            "Commands: EHLO HELO STARTTLS AUTH MAIL RCPT DATA RSET NOOP VRFY HELP QUIT");
    static final SmtpReply READY_FOR_TLS = SmtpReply.of(220, "2.0.0", "Ready to start TLS");
    static final SmtpReply AUTH_OK = SmtpReply.of(235, "2.7.0", "Authentication successful");

    static final SmtpReply UNRECOGNIZED = SmtpReply.of(500, "5.5.2", "Command not recognized");
    static final SmtpReply LINE_TOO_LONG = SmtpReply.of(500, "5.5.6", "Command line too long");
    static final SmtpReply BARE_LINE_END = SmtpReply.of(500, "5.5.2", "Command lines must end with CRLF");
    static final SmtpReply INVALID_COMMAND_BYTES = SmtpReply.of(500, "5.5.2", "Invalid characters in command");
    static final SmtpReply NEED_EHLO = SmtpReply.of(503, "5.5.1", "Send EHLO or HELO first");
    static final SmtpReply NEED_MAIL = SmtpReply.of(503, "5.5.1", "Send MAIL FROM first");
    static final SmtpReply NESTED_MAIL = SmtpReply.of(503, "5.5.1", "Sender already given; send RSET to start over");
    static final SmtpReply ALREADY_SECURE = SmtpReply.of(503, "5.5.1", "TLS is already active");
    static final SmtpReply TLS_UNAVAILABLE = SmtpReply.of(454, "4.7.0", "TLS not available");
    static final SmtpReply ALREADY_AUTHENTICATED = SmtpReply.of(503, "5.5.1", "Already authenticated");
    static final SmtpReply AUTH_IN_TRANSACTION = SmtpReply.of(503, "5.5.1", "AUTH not allowed during a mail transaction");
    static final SmtpReply ENCRYPTION_REQUIRED = SmtpReply.of(538, "5.7.11", "Encryption required: use STARTTLS first");
    static final SmtpReply UNKNOWN_MECHANISM = SmtpReply.of(504, "5.5.4", "Unrecognized authentication mechanism; use PLAIN or LOGIN");
    static final SmtpReply AUTH_CANCELLED = SmtpReply.of(501, "5.0.0", "Authentication cancelled");
    static final SmtpReply AUTH_MALFORMED = SmtpReply.of(501, "5.5.2", "Cannot decode the AUTH response (expected base64)");
    static final SmtpReply AUTH_FAILED = SmtpReply.of(535, "5.7.8", "Authentication credentials invalid");
    static final SmtpReply AUTH_TEMPORARY_FAILURE = SmtpReply.of(454, "4.7.0", "Temporary authentication failure; try again later");
    static final SmtpReply AUTH_THROTTLED = SmtpReply.of(421, "4.7.0", "Too many failed authentication attempts from your address; try again later");
    static final SmtpReply NON_ASCII_ADDRESS = SmtpReply.of(553, "5.6.7", "Non-ASCII address requires the SMTPUTF8 parameter");
    static final SmtpReply TOO_MANY_RECIPIENTS = SmtpReply.of(452, "4.5.3", "Too many recipients");
    static final SmtpReply TOO_MANY_ERRORS = SmtpReply.of(421, "4.7.0", "Too many errors; closing connection");
    static final SmtpReply START_DATA = SmtpReply.of(354, null, "End data with <CR><LF>.<CR><LF>");
    static final SmtpReply MESSAGE_TOO_BIG = SmtpReply.of(552, "5.3.4", "Message size exceeds the fixed limit");
    static final SmtpReply DATA_LINE_TOO_LONG = SmtpReply.of(500, "5.5.6", "Message line too long; message rejected");
    static final SmtpReply BARE_LINE_END_IN_DATA = SmtpReply.of(554, "5.6.0",
            "Bare LF or CR in message data; message rejected. Lines must end with CRLF");
    static final SmtpReply LISTENER_FAILED = SmtpReply.of(451, "4.3.0", "Local error in processing; try again later");
    static final SmtpReply TIMEOUT = SmtpReply.of(421, "4.4.2", "Timeout; closing connection");
    static final SmtpReply SESSION_TOO_LONG = SmtpReply.of(421, "4.4.2", "Session time limit reached; closing connection");
    static final SmtpReply LOGIN_REVOKED = SmtpReply.of(421, "4.7.0",
            "The credential of this session was disabled, changed or deleted; log in again");
    static final SmtpReply SHUTTING_DOWN = SmtpReply.of(421, "4.3.2", "Service shutting down; closing connection");

    private Replies() {
    }

    static SmtpReply syntax(String text) {
        return SmtpReply.of(501, "5.5.4", text);
    }

    static SmtpReply badAddress(String text) {
        return SmtpReply.of(553, "5.1.7", text);
    }

    static SmtpReply unknownParameter(String name) {
        return SmtpReply.of(555, "5.5.4", "Unsupported parameter " + name);
    }

    static SmtpReply notImplemented(String verb) {
        return SmtpReply.of(502, "5.5.1", verb + " not implemented");
    }
}
