package org.smtpeter.smtp.api;

import java.util.Optional;

/**
 * The contract between the SMTP resource adapter and the application: a message-driven
 * bean implements it, the adapter calls it.
 *
 * <p>Call order within one SMTP session: {@link #authenticate} at most once successfully,
 * only on a TLS-protected session; then per mail transaction {@link #loginStillValid} at
 * MAIL FROM if the session is authenticated, {@link #recipient} once per RCPT TO, and
 * {@link #deliver} once at the end of DATA if at least one recipient was accepted.
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
     * @return the login (principal and credential version) or empty when the user name or
     *         password is wrong. The adapter clears {@code password} afterwards.
     */
    Optional<Login> authenticate(Client client, String username, char[] password);

    /**
     * Whether a login still stands: asked at every MAIL FROM of an authenticated session, so that
     * a credential disabled, rotated or deleted after the login stops sending at once, however
     * long the session has been open. Keep it cheap (one indexed lookup).
     *
     * @return false ends the session with {@code 421 4.7.0}; an exception answers the MAIL with
     *         {@code 451 4.3.0} and keeps the session
     */
    boolean loginStillValid(Client client, Login login);

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

    /**
     * Whether this transaction's message is taken whatever its line ends, even where the listener
     * refuses bare line ends ({@code smtpeter.limits.bare-line-feeds=reject}): they are then
     * normalised. For mail that must not be lost for its form, such as bounces, which remote MTAs
     * send as they are. Asked once at DATA; an exception counts as false.
     */
    default boolean takesAnyLineEnds(Envelope transaction) {
        return false;
    }
}
