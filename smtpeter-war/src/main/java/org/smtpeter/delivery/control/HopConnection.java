package org.smtpeter.delivery.control;

import java.time.Instant;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;

import org.eclipse.angus.mail.smtp.SMTPTransport;

/** An open connection to a hop, or why none could be opened. Closing releases the hop's slot once. */
final class HopConnection {

    final Hop hop;
    final SMTPTransport transport;
    final Session session;
    final Reply failure;
    final boolean busy;
    /** When it was opened: a connection is reused for a limited time only, as Postfix does. */
    final Instant opened;
    private Runnable release;

    HopConnection(Hop hop, SMTPTransport transport, Session session, Reply failure, boolean busy, Instant opened,
                  Runnable release) {
        this.hop = hop;
        this.transport = transport;
        this.session = session;
        this.failure = failure;
        this.busy = busy;
        this.opened = opened;
        this.release = release;
    }

    static HopConnection failed(Hop hop, Reply failure, boolean busy, Instant at) {
        return new HopConnection(hop, null, null, failure, busy, at, () -> { });
    }

    /**
     * Not {@code transport.isConnected()}: that costs a NOOP round trip per message. A connection
     * that failed is closed where it failed, which is all this needs to know.
     */
    boolean isOpen() {
        return release != null && transport != null;
    }

    /** Whether the server still answers (a NOOP): for a connection that sat idle, which it may have closed. */
    boolean answers() {
        try {
            return isOpen() && transport.isConnected();
        } catch (RuntimeException broken) {
            return false;
        }
    }

    void close() {
        if (release == null) {
            return;
        }
        try {
            if (transport != null) {
                transport.close();
            }
        } catch (MessagingException | RuntimeException ignored) {
            // closing anyway (at undeployment the write-timeout executor may be gone before the QUIT)
        } finally {
            release.run();
            release = null;
        }
    }
}
