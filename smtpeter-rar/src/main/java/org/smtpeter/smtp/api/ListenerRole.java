package org.smtpeter.smtp.api;

/**
 * The three listeners SMTPeter has. They speak the same protocol; they differ in how TLS
 * starts and in their default ports.
 */
public enum ListenerRole {
    /** Message submission: STARTTLS, then AUTH (production 587 and 2525). */
    SUBMISSION(TlsMode.STARTTLS, 2587),
    /** Submission over implicit TLS (RFC 8314; production 465). */
    SMTPS(TlsMode.IMPLICIT, 2465),
    /** The port-25 role: STARTTLS offered; authenticated clients submit, and bounces arrive here. */
    MTA(TlsMode.STARTTLS, 2025);

    private final TlsMode tlsMode;
    private final int devPort;

    ListenerRole(TlsMode tlsMode, int devPort) {
        this.tlsMode = tlsMode;
        this.devPort = devPort;
    }

    public TlsMode tlsMode() {
        return tlsMode;
    }

    public int devPort() {
        return devPort;
    }

    /** The name used in configuration keys and stored with messages. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static ListenerRole fromKey(String key) {
        return valueOf(key.trim().toUpperCase(java.util.Locale.ROOT));
    }

    public enum TlsMode { STARTTLS, IMPLICIT }
}
