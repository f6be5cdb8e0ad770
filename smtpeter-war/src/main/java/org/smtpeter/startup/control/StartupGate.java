package org.smtpeter.startup.control;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.smtpeter.platform.control.Adapter;
import org.smtpeter.smtp.api.AdapterStatus;
import org.smtpeter.smtp.api.SettingsCheck;
import org.smtpeter.smtp.api.StartupChecks;

/**
 * Checks every setting at the first moment of the application's deployment: before any bean
 * exists, before MicroProfile Config converts an injected value (a wrong number there fails the
 * deployment with a stack trace per key), and before a listener binds or a row is written. Then
 * brings the database schema up to date ({@link DatabaseSchema}), before anything reads a table. The
 * adapter's problems, found when it started, are reported with the application's own. The SMTP
 * listeners, which Payara asks for before this runs, bind only once everything has passed. The
 * adapter's side of that meeting ({@link StartupChecks}) is reached through its administered
 * object ({@link AdapterStatus}), looked up here: no bean can be injected this early.
 *
 * <p>With problems, the relay does not start: by default the process ends
 * ({@link FailedStart#endProcess()}), since Payara Micro would otherwise keep running without the
 * application. With {@code smtpeter.startup.exit-on-failure=false} (a Payara Server that hosts
 * other applications) only the deployment fails, with the same lines.
 */
public class StartupGate implements Extension {

    static final String EXIT_KEY = "smtpeter.startup.exit-on-failure";

    private StartupChecks adapter;

    void checkSettings(@Observes BeforeBeanDiscovery discovery) {
        Config config = ConfigProvider.getConfig();
        List<String> problems = new ArrayList<>();
        try {
            adapter = Adapter.lookup().startupChecks();
            problems.addAll(adapter.adapterProblems());
        } catch (RuntimeException notFound) {
            problems.add("The SMTP resource adapter is missing: " + notFound.getMessage()
                    + "; deploy smtpeter-rar before the war, and name it in smtpeter.ra.mid and smtpeter.ra.name");
        }
        problems.addAll(new ApplicationSettings(key -> config.getOptionalValue(key, String.class)).problems());
        if (!problems.isEmpty()) {
            refuse(new FailedStart(problems), config);
        }
        DatabaseSchema.migrate().ifPresent(problem -> refuse(FailedStart.database(problem), config));
        adapter.applicationPassed(); // the SMTP listeners bind now
    }

    private static void refuse(FailedStart failed, Config config) {
        if (new SettingsCheck(key -> config.getOptionalValue(key, String.class)).flag(EXIT_KEY, true)) {
            failed.endProcess();
        }
        failed.report();
        throw new DeploymentException(failed.summary());
    }

    /** An undeployment: after a new deployment the listeners wait for its checks again. */
    void stopped(@Observes BeforeShutdown shutdown) {
        if (adapter != null) {
            adapter.applicationStopped();
        }
    }
}
