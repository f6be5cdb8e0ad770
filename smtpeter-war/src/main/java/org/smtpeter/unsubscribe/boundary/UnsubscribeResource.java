package org.smtpeter.unsubscribe.boundary;

import java.util.Optional;

import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.smtpeter.tracking.control.TrackedLink;
import org.smtpeter.unsubscribe.control.UnsubscribeLinks;
import org.smtpeter.unsubscribe.control.Unsubscribes;
import org.smtpeter.unsubscribe.entity.Unsubscribe;

/**
 * A recipient's unsubscribe link. GET shows a page with a button and changes nothing (link
 * scanners and previews fetch it); POST, from that button or from the mailbox provider's one-click
 * (RFC 8058), unsubscribes. A link that does not verify, or whose message is gone, gets 404.
 * The pages are fixed text: nothing from the message or the link is written into them.
 */
@Path("{token}")
public class UnsubscribeResource {

    private static final String PAGE = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex">
            <title>%s</title>
            <style>body{font-family:sans-serif;max-width:32em;margin:4em auto;padding:0 1em}
            button{font-size:1em;padding:.5em 1.5em}</style></head>
            <body><h1>%s</h1>%s</body></html>
            """;
    private static final String CONFIRM = """
            <p>Do you want to stop receiving these emails?</p>
            <form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click">
            <button type="submit">Unsubscribe</button></form>""";
    private static final String DONE = "<p>You will not receive these emails any more.</p>";

    @Inject
    UnsubscribeLinks links;

    @Inject
    Unsubscribes unsubscribes;

    @Context
    HttpServletRequest request;

    @GET
    public Response confirm(@PathParam("token") String token) {
        Optional<TrackedLink> link = links.verify(token);
        if (link.isEmpty() || unsubscribes.messageOf(link.get()).isEmpty()) {
            return unknown();
        }
        return page("Unsubscribe", CONFIRM);
    }

    @POST
    public Response unsubscribe(@PathParam("token") String token, @HeaderParam(HttpHeaders.USER_AGENT) String userAgent) {
        Optional<TrackedLink> link = links.verify(token);
        if (link.isEmpty() || !unsubscribe(link.get(), userAgent)) {
            return unknown();
        }
        return page("Unsubscribed", DONE);
    }

    /**
     * Two POSTs of the same link at once (a mailbox provider's one-click and the recipient's
     * button) may both find no row and both insert; the second commit fails on the unique
     * constraint. Tried again, it finds the first one's row and changes nothing, as any repeat.
     */
    private boolean unsubscribe(TrackedLink link, String userAgent) {
        try {
            return unsubscribes.unsubscribe(link, Unsubscribe.Method.ONE_CLICK, request.getRemoteAddr(), userAgent);
        } catch (EJBException concurrent) {
            return unsubscribes.unsubscribe(link, Unsubscribe.Method.ONE_CLICK, request.getRemoteAddr(), userAgent);
        }
    }

    private static Response page(String title, String body) {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        noStore.setPrivate(true);
        return Response.ok(PAGE.formatted(title, title, body), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .cacheControl(noStore)
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")
                .header("X-Content-Type-Options", "nosniff").header("Referrer-Policy", "no-referrer").build();
    }

    private static Response unknown() {
        return Response.status(Response.Status.NOT_FOUND).type(MediaType.TEXT_PLAIN_TYPE)
                .entity("Unknown or altered link\n").build();
    }
}
