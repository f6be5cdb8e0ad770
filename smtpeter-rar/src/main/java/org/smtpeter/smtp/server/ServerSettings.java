package org.smtpeter.smtp.server;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;

import javax.net.ssl.SSLContext;

import org.smtpeter.smtp.api.ListenerStates;
import org.smtpeter.smtp.protocol.AuthThrottle;
import org.smtpeter.smtp.protocol.SessionSettings;

/**
 * Everything one listening socket needs.
 *
 * @param bindAddress     the local address to listen on
 * @param port            the port to listen on
 * @param session         protocol settings for every session on this socket
 * @param sslContext      TLS for STARTTLS or implicit TLS; null when no keystore is available
 * @param maxConnections  the shared limit of open connections
 * @param authThrottle    failed-AUTH counting shared across connections
 * @param spoolDirectory  where large messages are spooled while they arrive; null for the temp directory
 * @param states          where the listener reports whether it listens (the adapter's own, see {@link org.smtpeter.smtp.api.AdapterStatus})
 * @param bindRetry       how long to wait before trying again to bind a port that was taken
 * @param proxyProtocol   which peers are balancers that name the client in a PROXY header
 */
public record ServerSettings(InetAddress bindAddress, int port, SessionSettings session, SSLContext sslContext,
                             ConnectionLimit maxConnections, AuthThrottle authThrottle, Path spoolDirectory,
                             ListenerStates states, Duration bindRetry, ProxyProtocol proxyProtocol) {

    /** The role's name, as in configuration keys and metrics. */
    public String role() {
        return session.role().key();
    }
}
