package org.smtpeter.tracking.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import org.smtpeter.tracking.control.TrackingHosts;

/**
 * The public link endpoints ({@code /t}, {@code /u}) answer only for the relay's tracking host and
 * the sender domains' tracking hosts ({@link TrackingHosts}); any other {@code Host} gets 404, so
 * a stranger's name pointed at the relay serves no redirects. A reverse proxy in front must pass
 * the original {@code Host} on.
 */
@Provider
public class TrackingHostFilter implements ContainerRequestFilter {

    @Inject
    TrackingHosts hosts;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!hosts.answers(request.getHeaderString(HttpHeaders.HOST))) {
            request.abortWith(Response.status(Response.Status.NOT_FOUND).type(MediaType.TEXT_PLAIN_TYPE)
                    .entity("Unknown host\n").build());
        }
    }
}
