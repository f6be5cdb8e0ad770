package org.smtpeter.smtp.protocol;

/**
 * Counts failed AUTH attempts per client address across connections, so a password guesser
 * cannot simply reconnect. Shared by all sessions of a resource adapter.
 */
public interface AuthThrottle {

    boolean isBlocked(String clientAddress);

    void failed(String clientAddress);

    void succeeded(String clientAddress);

    /** For tests and for listeners where throttling is not wanted. */
    AuthThrottle NONE = new AuthThrottle() {
        @Override
        public boolean isBlocked(String clientAddress) {
            return false;
        }

        @Override
        public void failed(String clientAddress) {
        }

        @Override
        public void succeeded(String clientAddress) {
        }
    };
}
