package org.smtpeter.tracking.boundary;

import java.util.Base64;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.smtpeter.tracking.control.RepeatedFetches;
import org.smtpeter.tracking.control.TrackedLink;
import org.smtpeter.tracking.control.TrackingKind;
import org.smtpeter.tracking.control.TrackingLog;
import org.smtpeter.tracking.control.TrackingTokens;

/**
 * Clicks and opens. A token that does not verify gets 404 and never a redirect, so these links
 * are no open redirect. Recording fails open: the recipient gets the page or image even when
 * the event cannot be stored. Images are redirected to, not proxied: the relay then never fetches
 * URLs on anyone's behalf, and the image server's own caching and bandwidth stay in play.
 * A client that fetches the same link again within a short window gets the same answer, but the
 * fetch is not recorded again ({@link RepeatedFetches}), so a flood writes no rows.
 */
@Path("")
public class TrackingResource {

    private static final Logger LOG = Logger.getLogger(TrackingResource.class.getName());
    /** A transparent 1x1 GIF. */
    private static final byte[] PIXEL = Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");
    private static final String NO_CACHE = "no-cache, no-store, must-revalidate, private";

    @Inject
    TrackingTokens tokens;

    @Inject
    TrackingLog log;

    @Inject
    RepeatedFetches repeats;

    @Context
    HttpServletRequest request;

    @GET
    @Path("c/{token}")
    public Response click(@PathParam("token") String token, @HeaderParam(HttpHeaders.USER_AGENT) String userAgent) {
        Optional<TrackedLink> link = tokens.verify(token)
                .filter(l -> l.kind() == TrackingKind.CLICK && !l.target().isEmpty());
        if (link.isEmpty()) {
            return unknown();
        }
        record(link.get(), userAgent);
        return Response.status(Response.Status.FOUND).header(HttpHeaders.LOCATION, link.get().target())
                .header(HttpHeaders.CACHE_CONTROL, NO_CACHE).build();
    }

    @GET
    @Path("o/{token}")
    public Response open(@PathParam("token") String token, @HeaderParam(HttpHeaders.USER_AGENT) String userAgent) {
        Optional<TrackedLink> link = tokens.verify(token).filter(l -> l.kind() == TrackingKind.OPEN);
        if (link.isEmpty()) {
            return unknown();
        }
        record(link.get(), userAgent);
        Response.ResponseBuilder response = link.get().isPixel()
                ? Response.ok(PIXEL, "image/gif")
                : Response.status(Response.Status.FOUND).header(HttpHeaders.LOCATION, link.get().target());
        return response.header(HttpHeaders.CACHE_CONTROL, NO_CACHE).header("Pragma", "no-cache")
                .header(HttpHeaders.EXPIRES, "0").build();
    }

    private void record(TrackedLink link, String userAgent) {
        String client = request.getRemoteAddr();
        if (!repeats.isFirst(link, client, userAgent)) {
            return;
        }
        try {
            log.record(link, client, userAgent);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not record a " + link.kind() + " of message " + link.messageId(), e);
        }
    }

    private static Response unknown() {
        return Response.status(Response.Status.NOT_FOUND).type(MediaType.TEXT_PLAIN_TYPE)
                .entity("Unknown or altered link\n").build();
    }
}
