package org.smtpeter.testing;

/** The limits the test server runs with, small enough to test against. */
public final class TestLimits {

    public static final int MAX_MESSAGE_SIZE = 2 * 1024 * 1024;
    public static final int MAX_RECIPIENTS = 20;
    public static final int IDLE_TIMEOUT_SECONDS = 10;
    public static final int MAX_CONNECTIONS = 25;

    private TestLimits() {
    }
}
