package org.smtpeter.dashboard.boundary;

import java.io.IOException;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.smtpeter.users.boundary.Viewer;
import org.smtpeter.messagelog.control.MessageLog;

/**
 * {@code /dashboard/raw?id=}: a message's source exactly as received, as a download. It lies under
 * {@code /dashboard/}, so the same security constraint guards it as the pages. Always an attachment
 * and never rendered: mail is attacker-controlled content and must not run in the dashboard's origin.
 */
@WebServlet("/dashboard/raw")
public class RawMessageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    Viewer viewer;

    @Inject
    MessageLog log;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String id = request.getParameter("id");
        // Public ids are letters and digits; anything else is not one, and never reaches a header.
        Optional<byte[]> source = id == null || !id.matches("[A-Za-z0-9]{1,40}") ? Optional.empty()
                : log.find(id, viewer.scope(null)).flatMap(message -> log.source(id));
        if (source.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "No such message");
            return;
        }
        response.setContentType("message/rfc822");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + id + ".eml\"");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLength(source.get().length);
        response.getOutputStream().write(source.get());
    }
}
