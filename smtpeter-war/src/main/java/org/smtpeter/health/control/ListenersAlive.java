package org.smtpeter.health.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Liveness: a relay whose SMTP listeners are gone is as good as dead. */
@Liveness
@ApplicationScoped
public class ListenersAlive implements HealthCheck {

    @Inject
    SmtpListenersCheck listeners;

    @Override
    public HealthCheckResponse call() {
        return listeners.call();
    }
}
