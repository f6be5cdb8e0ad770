package org.smtpeter.rest.boundary;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ejb.EJBException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.smtpeter.credentials.control.DuplicateAccountException;
import org.smtpeter.credentials.control.UnknownCredentialException;

/** Turns failures into JSON errors with the right status; never a stack trace to the caller. */
public final class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class.getName());

    private ErrorMappers() {
    }

    static Response json(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorMessage(status, message)).build();
    }

    @Provider
    public static class WebApplication implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            return json(status, e.getMessage() == null ? Response.Status.fromStatusCode(status).getReasonPhrase() : e.getMessage());
        }
    }

    @Provider
    public static class UnreadableJson implements ExceptionMapper<JsonbException> {
        @Override
        public Response toResponse(JsonbException e) {
            return json(400, "The request body is not valid JSON for this resource");
        }
    }

    @Provider
    public static class Processing implements ExceptionMapper<ProcessingException> {
        @Override
        public Response toResponse(ProcessingException e) {
            return json(400, "The request body cannot be read: " + e.getMessage());
        }
    }

    @Provider
    public static class Ejb implements ExceptionMapper<EJBException> {
        @Override
        public Response toResponse(EJBException e) {
            LOG.log(Level.SEVERE, "API request failed", e);
            return json(500, "Internal error; see the server log");
        }
    }

    @Provider
    public static class Duplicate implements ExceptionMapper<DuplicateAccountException> {
        @Override
        public Response toResponse(DuplicateAccountException e) {
            return json(409, e.getMessage());
        }
    }

    /** The credential or account vanished between the check and the change (a concurrent delete). */
    @Provider
    public static class Unknown implements ExceptionMapper<UnknownCredentialException> {
        @Override
        public Response toResponse(UnknownCredentialException e) {
            return json(404, e.getMessage());
        }
    }
}
