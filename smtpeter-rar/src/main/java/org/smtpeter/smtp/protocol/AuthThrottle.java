package org.smtpeter.smtp.protocol;

/**
 * Counts AUTH attempts per client address across connections, so a password guesser cannot
 * simply reconnect. Shared by all sessions of a resource adapter.
 *
 * <p>An attempt is let in when it starts, before the password is checked, so parallel
 * connections cannot all pass the check and guess at once: at most the limit of passwords is
 * ever checked per window. Each attempt let in ends with {@link #failed} (a wrong password) or
 * {@link #refund} (the right one, a cancelled exchange, a check that could not be made).
 */
public interface AuthThrottle {

    /**
     * Counts one attempt from the address, if it has attempts left.
     *
     * @return false when it has none: the attempt is refused, not counted, and not checked
     */
    boolean tryAttempt(String clientAddress);

    /** The attempt let in by {@link #tryAttempt} was a wrong password: it counts in the window. */
    void failed(String clientAddress);

    /** The attempt let in by {@link #tryAttempt} was not a wrong password: it does not count. */
    void refund(String clientAddress);

    /** For tests and for listeners where throttling is not wanted. */
    AuthThrottle NONE = new AuthThrottle() {
        @Override
        public boolean tryAttempt(String clientAddress) {
            return true;
        }

        @Override
        public void failed(String clientAddress) {
        }

        @Override
        public void refund(String clientAddress) {
        }
    };
}
