package org.smtpeter.smtp.api;

import java.util.Optional;

/**
 * The contract between the SMTP resource adapter and the application: a message-driven
 * bean implements it, the adapter calls it.
 *
 * <p>Call order within one SMTP session: {@link #authenticate} at most once successfully,
 * only on a TLS-protected session; then per mail transaction {@link #recipient} once per
 * RCPT TO, and {@link #deliver} once at the end of DATA if at least one recipient was accepted.
 *
 * <p>Replies: the adapter sends the returned {@link SmtpReply} to the client. Any exception
 * (including a failed commit reported by the container) becomes {@code 451 4.3.0}, so a
 * {@code 250} after DATA is only ever sent when {@code deliver} returned a positive reply,
 * which the application must only do once the message is durably stored.
 */
public interface SmtpListener {

    /**
     * Checks an SMTP credential.
     *
     * @return the authenticated principal (the credential's user name) or empty when the
     *         user name or password is wrong. The adapter clears {@code password} afterwards.
     */
    Optional<String> authenticate(Client client, String username, char[] password);

    /**
     * Decides whether a recipient is accepted in this transaction: relay policy lives here.
     *
     * @param transaction the transaction so far (recipients accepted before this one)
     * @return a 2xx reply to accept, 4xx or 5xx to refuse
     */
    SmtpReply recipient(Envelope transaction, Recipient candidate);

    /**
     * Takes responsibility for a complete message.
     *
     * @return 250 with the public message id once the message is durably stored,
     *         or a 4xx/5xx reply to refuse it
     */
    SmtpReply deliver(Envelope envelope, ReceivedMessage message);
}
