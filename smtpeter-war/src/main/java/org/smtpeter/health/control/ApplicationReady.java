package org.smtpeter.health.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness: no traffic before the application has finished starting. */
@Readiness
@ApplicationScoped
public class ApplicationReady implements HealthCheck {

    @Inject
    ApplicationStartCheck application;

    @Override
    public HealthCheckResponse call() {
        return application.call();
    }
}
