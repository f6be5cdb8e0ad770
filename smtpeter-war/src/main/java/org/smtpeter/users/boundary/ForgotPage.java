package org.smtpeter.users.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

import org.smtpeter.users.control.LoginThrottle;
import org.smtpeter.users.control.People;

/**
 * Backs {@code forgot.xhtml}: asks for a reset link. The answer is the same whether the address
 * is known or not, and asking counts against the same throttle as failed logins, so the page can
 * neither list people nor flood a mailbox.
 */
@Named
@RequestScoped
public class ForgotPage {

    @Inject
    People people;

    @Inject
    LoginThrottle throttle;

    private String email;

    public void send() {
        FacesContext faces = FacesContext.getCurrentInstance();
        HttpServletRequest request = (HttpServletRequest) faces.getExternalContext().getRequest();
        LoginThrottle.Attempt attempt = throttle.begin(email, request.getRemoteAddr());
        if (!attempt.refused()) {
            people.requestReset(email);
        }
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO,
                "If that address belongs to someone here, a link to choose a new password is on its way. It works for one hour.",
                null));
        email = null;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }
}
