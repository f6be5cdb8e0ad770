package org.smtpeter.dashboard.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Backs {@code refused.xhtml}, the error page for a form from another or an expired session and
 * for a protected page opened without its token: it answers 403, not the 500 of an error.
 */
@Named
@RequestScoped
public class RefusedPage {

    public void forbid() {
        FacesContext.getCurrentInstance().getExternalContext().setResponseStatus(HttpServletResponse.SC_FORBIDDEN);
    }
}
