package org.smtpeter.smtp.protocol;

/**
 * What one session needs to know about its listener.
 *
 * @param hostName      the name in the greeting and in EHLO replies
 * @param role          which listener accepted the connection
 * @param tlsAvailable  whether STARTTLS can be offered (a keystore is loaded)
 * @param limits        the limits to enforce
 */
public record SessionSettings(String hostName, ListenerRole role, boolean tlsAvailable, Limits limits) {
}
