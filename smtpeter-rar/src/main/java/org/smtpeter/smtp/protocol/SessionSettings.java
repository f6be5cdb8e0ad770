package org.smtpeter.smtp.protocol;

import java.util.Objects;

import org.smtpeter.smtp.api.SmtpStatistics;
import org.smtpeter.smtp.api.ListenerRole;

/**
 * What one session needs to know about its listener.
 *
 * @param hostName      the name in the greeting and in EHLO replies
 * @param role          which listener accepted the connection
 * @param tlsAvailable  whether STARTTLS can be offered (a keystore is loaded)
 * @param limits        the limits to enforce
 * @param statistics    where the session counts what happens (the adapter's own, see {@link org.smtpeter.smtp.api.AdapterStatus})
 */
public record SessionSettings(String hostName, ListenerRole role, boolean tlsAvailable, Limits limits,
                              SmtpStatistics statistics) {

    public SessionSettings {
        Objects.requireNonNull(statistics, "statistics");
    }

    /** Counting into a set of statistics of its own, as tests want. */
    public SessionSettings(String hostName, ListenerRole role, boolean tlsAvailable, Limits limits) {
        this(hostName, role, tlsAvailable, limits, new SmtpStatistics());
    }
}
