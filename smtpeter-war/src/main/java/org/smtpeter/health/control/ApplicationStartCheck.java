package org.smtpeter.health.control;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Whether the application has finished starting (its settings checked, the first-start accounts
 * created, the workers started): DOWN "starting" before. Payara registers the health checks before
 * the application's start-up observers run, so without this readiness could be UP too early.
 * Shared by {@link ApplicationStarted} and {@link ApplicationReady}.
 */
@ApplicationScoped
public class ApplicationStartCheck {

    private volatile boolean started;

    /** Runs after every other start-up observer of the application. */
    void started(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER + 1000) @Initialized(ApplicationScoped.class)
                 Object application) {
        started = true;
    }

    public HealthCheckResponse call() {
        return HealthCheckResponse.named("application").status(started).withData("state", started ? "started" : "starting")
                .build();
    }
}
