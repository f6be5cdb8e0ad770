package org.smtpeter.health.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness: no mail can come in without the SMTP listeners. */
@Readiness
@ApplicationScoped
public class ListenersReady implements HealthCheck {

    @Inject
    SmtpListenersCheck listeners;

    @Override
    public HealthCheckResponse call() {
        return listeners.call();
    }
}
