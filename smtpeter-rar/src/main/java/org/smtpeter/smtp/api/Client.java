package org.smtpeter.smtp.api;

import java.io.Serializable;

/**
 * What the adapter knows about the connected client at the moment of a call.
 *
 * @param listenerRole  which listener the client connected to ({@link ListenerRole#key()}), or
 *                      {@code jms} for a message submitted through the JMS queue
 * @param address       the client's IP address as text
 * @param port          the client's source port
 * @param heloName      the name given in EHLO or HELO, null before
 * @param tlsProtocol   for example TLSv1.3, null on a plaintext session
 * @param tlsCipher     the negotiated cipher suite, null on a plaintext session
 */
public record Client(String listenerRole, String address, int port, String heloName,
                     String tlsProtocol, String tlsCipher) implements Serializable {

    public boolean isSecure() {
        return tlsProtocol != null;
    }
}
