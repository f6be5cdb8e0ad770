package org.smtpeter.smtp.adapter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.transaction.xa.XAResource;

import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.Connector;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.TransactionSupport;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;

import org.smtpeter.smtp.api.ListenerRole;
import org.smtpeter.smtp.api.ListenerStates;
import org.smtpeter.smtp.api.SmtpStatistics;
import org.smtpeter.smtp.api.StartupChecks;
import org.smtpeter.smtp.server.Acceptor;
import org.smtpeter.smtp.server.ServerSettings;

/**
 * The SMTP resource adapter. Each MDB activation opens one listening socket for its role
 * (submission, smtps or mta); connections run on the container's WorkManager and talk to
 * the application only through {@link org.smtpeter.smtp.api.SmtpListener}. What it knows about
 * itself (listener states, start-up checks, statistics) the application reads through the
 * administered object {@link AdapterStatusObject}, which the container associates with this instance.
 */
@Connector(displayName = "SMTPeter SMTP adapter", vendorName = "SMTPeter relay", eisType = "SMTP",
        version = "1.0", transactionSupport = TransactionSupport.TransactionSupportLevel.NoTransaction)
public class SmtpResourceAdapter implements ResourceAdapter {

    private static final Logger LOG = Logger.getLogger(SmtpResourceAdapter.class.getName());
    static final String STOP_GRACE_KEY = "smtpeter.listeners.stop-grace-seconds";
    static final int DEFAULT_STOP_GRACE_SECONDS = 15;

    private final Map<ActivationKey, List<Acceptor>> acceptors = new ConcurrentHashMap<>();
    private final transient ListenerStates listenerStates = new ListenerStates();
    private final transient StartupChecks startupChecks = new StartupChecks();
    private final transient SmtpStatistics statistics = new SmtpStatistics();
    private transient WorkManager workManager;
    private transient ListenerFactory listeners;

    /**
     * Checks every setting before any port is bound. Invalid ones are logged one per line and kept
     * in {@link StartupChecks}; no listener opens then, and the application, which reads them
     * there, reports them with its own and stops the relay. Failing here instead would only show
     * up as an unrelated failure of the application's deployment, without the application's problems.
     */
    @Override
    public void start(BootstrapContext context) {
        this.workManager = context.getWorkManager();
        List<String> problems = new AdapterSettings(new Configuration()).problems();
        problems.forEach(LOG::severe);
        startupChecks.adapterProblems(problems);
    }

    @Override
    public void stop() {
        List<Acceptor> all = new ArrayList<>();
        acceptors.values().forEach(all::addAll);
        acceptors.clear();
        stopGracefully(all);
    }

    /**
     * New clients hear 421 4.3.2 and sessions end after their transaction, for at most
     * {@code smtpeter.listeners.stop-grace-seconds}; whatever is still open then is closed with 421.
     * A message whose DATA is under way is thus answered after its commit, or refused with a 4xx.
     */
    private static void stopGracefully(List<Acceptor> opened) {
        if (opened.isEmpty()) {
            return;
        }
        long grace = new Configuration().getInt(STOP_GRACE_KEY, DEFAULT_STOP_GRACE_SECONDS);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(grace);
        opened.forEach(Acceptor::drain);
        try {
            for (Acceptor acceptor : opened) {
                acceptor.awaitSessionsEnded(deadline);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        opened.forEach(Acceptor::close);
    }

    /**
     * Opens the role's listeners once the application has passed its start-up checks
     * ({@link StartupChecks}): this is called before the application's code runs, and a relay
     * that is about to refuse to start must not bind its ports meanwhile.
     */
    @Override
    public void endpointActivation(MessageEndpointFactory factory, ActivationSpec spec) throws ResourceException {
        if (!(spec instanceof SmtpActivationSpec smtpSpec)) {
            throw new NotSupportedException("unexpected activation spec " + spec);
        }
        smtpSpec.validate();
        ListenerRole role = smtpSpec.listenerRole();
        if (!startupChecks.adapterProblems().isEmpty()) {
            LOG.severe(() -> "SMTP " + role.key() + " listener not started: the settings above are invalid");
            return;
        }
        ActivationKey key = new ActivationKey(factory, smtpSpec);
        acceptors.put(key, List.of());
        startupChecks.afterApplicationPassed(() -> open(key, role));
    }

    private void open(ActivationKey key, ListenerRole role) {
        try {
            ListenerFactory factoryOfListeners = listeners();
            if (!factoryOfListeners.isEnabled(role)) {
                LOG.info(() -> "SMTP " + role.key() + " listener disabled by configuration");
                return;
            }
            List<Acceptor> opened = new ArrayList<>();
            try {
                for (ServerSettings settings : factoryOfListeners.settings(role)) {
                    Acceptor acceptor = new Acceptor(settings, new EndpointListener(key.factory()), connectionExecutor());
                    opened.add(acceptor);
                    workManager.scheduleWork(new RunnableWork(acceptor, acceptor::close), WorkManager.INDEFINITE, null, null);
                }
            } catch (WorkException | RuntimeException e) {
                opened.forEach(Acceptor::close);
                throw e;
            }
            if (!acceptors.replace(key, List.of(), opened)) {
                opened.forEach(Acceptor::close); // deactivated meanwhile
            }
        } catch (IOException | WorkException | RuntimeException e) {
            LOG.log(Level.SEVERE, "cannot start the SMTP " + role.key() + " listener", e);
        }
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory factory, ActivationSpec spec) {
        List<Acceptor> opened = acceptors.remove(new ActivationKey(factory, spec));
        if (opened != null) {
            stopGracefully(opened);
        }
    }

    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        return new XAResource[0];
    }

    ListenerStates listenerStates() {
        return listenerStates;
    }

    StartupChecks startupChecks() {
        return startupChecks;
    }

    SmtpStatistics statistics() {
        return statistics;
    }

    private synchronized ListenerFactory listeners() throws IOException {
        if (listeners == null) {
            listeners = new ListenerFactory(new Configuration(), listenerStates, statistics);
        }
        return listeners;
    }

    private Executor connectionExecutor() {
        return task -> {
            try {
                workManager.scheduleWork(new RunnableWork(task, () -> { }));
            } catch (WorkException e) {
                throw new RejectedExecutionException(e);
            }
        };
    }

    /** Identity of one activation: the same factory and spec instance. */
    private record ActivationKey(MessageEndpointFactory factory, ActivationSpec spec) {
        @Override
        public boolean equals(Object other) {
            return other instanceof ActivationKey key && key.factory == factory && key.spec == spec;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(factory) * 31 + System.identityHashCode(spec);
        }
    }
}
