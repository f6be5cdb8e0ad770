package org.smtpeter.smtp.protocol;

import org.smtpeter.smtp.api.SmtpReply;

/** A command that cannot be accepted as written; carries the reply that says why. */
final class InvalidCommandException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient SmtpReply reply;

    InvalidCommandException(SmtpReply reply) {
        super(reply.line(), null, false, false);
        this.reply = reply;
    }

    SmtpReply reply() {
        return reply;
    }
}
