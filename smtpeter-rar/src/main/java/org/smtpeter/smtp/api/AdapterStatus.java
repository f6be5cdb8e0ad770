package org.smtpeter.smtp.api;

/**
 * What the adapter knows and the application reads: whether each listener is bound, the problems
 * the adapter found in its settings (and the gate its listeners wait at until the application has
 * found its own valid), and what the listeners have done. The adapter hands it out the JCA way,
 * as an administered object bound at {@link #JNDI_NAME} that the container associates with the
 * adapter instance; each lookup gives a new view of that one adapter's state.
 */
public interface AdapterStatus {

    /**
     * Where the application finds it: the war defines it there (web.xml), naming the adapter. In
     * java:global, since the application's start-up checks look it up where no component's naming
     * context exists (a CDI extension; in an EAR, java:app cannot be reached there).
     */
    String JNDI_NAME = "java:global/smtpeter/adapter-status";

    ListenerStates listenerStates();

    StartupChecks startupChecks();

    SmtpStatistics statistics();
}
