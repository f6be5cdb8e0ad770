package org.smtpeter.health.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/** Startup, for orchestrators that wait for {@code /health/started} before they probe liveness. */
@Startup
@ApplicationScoped
public class ApplicationStarted implements HealthCheck {

    @Inject
    ApplicationStartCheck application;

    @Override
    public HealthCheckResponse call() {
        return application.call();
    }
}
