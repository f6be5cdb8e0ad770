package org.smtpeter.rest.boundary;

import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import org.smtpeter.credentials.control.ApiTokens;
import org.smtpeter.platform.boundary.Caller;

/**
 * Requires {@code Authorization: Bearer <token>} on every API request: the admin token, or an
 * account's API token. Who it was, and from which address, goes into the request's {@link Caller}.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class BearerTokenFilter implements ContainerRequestFilter {

    private static final String BEARER = "Bearer ";

    @Inject
    AdminToken adminToken;

    @Inject
    ApiTokens apiTokens;

    @Inject
    Caller caller;

    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String presented = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? header.substring(BEARER.length()).strip()
                : null;
        if (presented == null || presented.isEmpty()) {
            unauthorized(request);
        } else if (adminToken.matches(presented)) {
            caller.admin(servletRequest.getRemoteAddr());
        } else {
            Optional<ApiTokens.PresentedToken> token = apiTokens.find(presented);
            if (token.isPresent()) {
                caller.account(token.get().accountId(), token.get().actor(), servletRequest.getRemoteAddr());
            } else {
                unauthorized(request);
            }
        }
    }

    private static void unauthorized(ContainerRequestContext request) {
        request.abortWith(Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"smtpeter\"")
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorMessage(401, "A valid token is required (Authorization: Bearer <token>)"))
                .build());
    }
}
