package org.smtpeter.rest.boundary;

import java.util.Set;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import org.smtpeter.bounces.boundary.BouncesResource;
import org.smtpeter.bounces.boundary.SuppressionsResource;
import org.smtpeter.credentials.boundary.AccountsResource;
import org.smtpeter.delivery.boundary.AttemptsResource;
import org.smtpeter.delivery.boundary.DeliveriesResource;
import org.smtpeter.messages.boundary.MessagesResource;
import org.smtpeter.tracking.boundary.TrackingEventsResource;

/**
 * The JSON REST API, version 1. Every resource needs the admin token (see {@link AdminTokenFilter}).
 * The classes are listed because the war has a second JAX-RS application (public tracking
 * endpoints under {@code /t}), and neither may pick up the other's resources or filters.
 */
@ApplicationPath("api/v1")
public class RestApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(AccountsResource.class, MessagesResource.class, DeliveriesResource.class, AttemptsResource.class,
                TrackingEventsResource.class, BouncesResource.class, SuppressionsResource.class, AdminTokenFilter.class,
                ErrorMappers.WebApplication.class, ErrorMappers.UnreadableJson.class, ErrorMappers.Processing.class,
                ErrorMappers.Ejb.class, ErrorMappers.Duplicate.class);
    }
}
