package org.smtpeter.smtp.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** The byte pipe under one SMTP conversation: a socket in production, memory in tests. */
public interface Transport {

    /** Facts of an established TLS session. */
    record TlsFacts(String protocol, String cipher) {
    }

    InputStream input() throws IOException;

    OutputStream output() throws IOException;

    /** The TLS session if the transport is already encrypted (implicit TLS), else null. */
    TlsFacts tls();

    /**
     * Upgrades to TLS as the server (STARTTLS); afterwards {@link #input()} and {@link #output()}
     * give the encrypted streams. Input received before the handshake is never read again.
     */
    TlsFacts startTls() throws IOException;
}
