package org.smtpeter.users.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;

import org.smtpeter.users.control.DashboardUsers;

/** Backs {@code dashboard/password.xhtml}: the logged-in user changes their own password. */
@Named
@RequestScoped
public class PasswordPage {

    /** NIST SP 800-63B asks for at least 8; a dashboard that controls outgoing mail deserves more. */
    static final int MINIMUM_LENGTH = 12;

    @Inject
    SecurityContext securityContext;

    @Inject
    DashboardUsers users;

    private String current;
    private String replacement;
    private String repeated;

    public void change() {
        if (replacement == null || replacement.length() < MINIMUM_LENGTH) {
            say(FacesMessage.SEVERITY_ERROR, "The new password needs at least " + MINIMUM_LENGTH + " characters.");
        } else if (!replacement.equals(repeated)) {
            say(FacesMessage.SEVERITY_ERROR, "The two new passwords differ.");
        } else if (users.changePassword(securityContext.getCallerPrincipal().getName(), chars(current),
                replacement.toCharArray())) {
            say(FacesMessage.SEVERITY_INFO, "Password changed.");
        } else {
            say(FacesMessage.SEVERITY_ERROR, "The current password is wrong; nothing was changed.");
        }
        current = replacement = repeated = null;
    }

    private static char[] chars(String text) {
        return text == null ? new char[0] : text.toCharArray();
    }

    private static void say(FacesMessage.Severity severity, String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, text, null));
    }

    public String getCurrent() {
        return current;
    }

    public void setCurrent(String current) {
        this.current = current;
    }

    public String getReplacement() {
        return replacement;
    }

    public void setReplacement(String replacement) {
        this.replacement = replacement;
    }

    public String getRepeated() {
        return repeated;
    }

    public void setRepeated(String repeated) {
        this.repeated = repeated;
    }
}
