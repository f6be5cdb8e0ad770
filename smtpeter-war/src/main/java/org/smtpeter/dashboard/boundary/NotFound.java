package org.smtpeter.dashboard.boundary;

import jakarta.faces.context.FacesContext;
import jakarta.servlet.http.HttpServletResponse;

/** A page about something that does not exist, or not for this viewer: it still renders, with status 404. */
final class NotFound {

    private NotFound() {
    }

    static void status() {
        FacesContext.getCurrentInstance().getExternalContext().setResponseStatus(HttpServletResponse.SC_NOT_FOUND);
    }
}
