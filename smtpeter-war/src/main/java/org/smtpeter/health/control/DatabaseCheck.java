package org.smtpeter.health.control;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

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
 * <p>The probe (a connection from the pool, then {@code isValid}, which is false when the
 * database does not answer within {@value #VALIDATION_SECONDS} s: the pool hands out a connection
 * it validated within the last 2 s without asking the database again) runs on a thread of its own
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

    private BoundedProbe<String> probe;

    @PostConstruct
    void init() {
        probe = new BoundedProbe<>(executor, this::problem, TIMEOUT);
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("database");
        BoundedProbe.Outcome<String> outcome = probe.run();
        if (outcome instanceof BoundedProbe.Answered<String> answered) {
            return answered.value().isEmpty() ? response.up().build()
                    : response.down().withData("error", answered.value()).build();
        }
        if (outcome instanceof BoundedProbe.TimedOut<String> timedOut) {
            return response.down().withData("error", "no answer within " + TIMEOUT.toSeconds()
                    + " s (the probe has been waiting for " + timedOut.runningFor().toSeconds() + " s)").build();
        }
        return response.down().withData("error", describe(((BoundedProbe.Failed<String>) outcome).error())).build();
    }

    /** @return empty when the database answered, else what went wrong */
    private String problem() {
        try (Connection connection = dataSource.getConnection()) {
            long asked = System.nanoTime();
            if (connection.isValid(VALIDATION_SECONDS)) {
                return "";
            }
            return System.nanoTime() - asked >= TimeUnit.SECONDS.toNanos(VALIDATION_SECONDS)
                    ? "no answer within " + VALIDATION_SECONDS + " s on a connection from the pool"
                    : "the connection from the pool is closed";
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
