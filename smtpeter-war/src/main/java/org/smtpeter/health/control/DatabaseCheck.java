package org.smtpeter.health.control;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorDefinition;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Whether the database answers. Only readiness: without the database no mail can be accepted
 * (a 250 needs a commit), but restarting the relay would not bring the database back.
 *
 * <p>The probe (a connection from the pool, then {@code isValid}) runs on a thread of its own
 * and the check waits for it at most {@link #TIMEOUT}: a database that hangs, or a pool whose
 * connections are all taken (it would wait up to a minute for one), must not hang the health
 * endpoint. A probe that hangs is not started again until it ends ({@link BoundedProbe}).
 */
@Readiness
@ApplicationScoped
@ManagedExecutorDefinition(name = DatabaseCheck.EXECUTOR, maxAsync = 2)
public class DatabaseCheck implements HealthCheck {

    static final String EXECUTOR = "java:app/concurrent/DatabaseProbe";
    static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final int VALIDATION_SECONDS = 2;

    @Resource(lookup = "jdbc/smtpeter")
    DataSource dataSource;

    @Resource(lookup = EXECUTOR)
    ManagedExecutorService executor;

    private BoundedProbe<Boolean> probe;

    @PostConstruct
    void init() {
        probe = new BoundedProbe<>(executor, this::valid, TIMEOUT);
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("database");
        BoundedProbe.Outcome<Boolean> outcome = probe.run();
        if (outcome instanceof BoundedProbe.Answered<Boolean> answered) {
            return answered.value() ? response.up().build()
                    : response.down().withData("error", "the connection is not valid").build();
        }
        if (outcome instanceof BoundedProbe.TimedOut<Boolean> timedOut) {
            return response.down().withData("error", "no answer within " + TIMEOUT.toSeconds()
                    + " s (the probe has been waiting for " + timedOut.runningFor().toSeconds() + " s)").build();
        }
        return response.down().withData("error", describe(((BoundedProbe.Failed<Boolean>) outcome).error())).build();
    }

    private boolean valid() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(VALIDATION_SECONDS);
        } catch (SQLException e) {
            throw new ProbeFailure(e);
        }
    }

    /** The pool's message, and the root cause's when it says something else ("Connection refused"). */
    static String describe(Throwable error) {
        Throwable top = error instanceof ProbeFailure failure ? failure.getCause() : error;
        Throwable root = top;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(top.getMessage() == null ? top : top.getMessage());
        if (root != top && root.getMessage() != null && !message.contains(root.getMessage())) {
            message += " (" + root.getMessage() + ")";
        }
        return message;
    }

    private static final class ProbeFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ProbeFailure(SQLException cause) {
            super(cause);
        }
    }
}
