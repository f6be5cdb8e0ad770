package org.smtpeter.users.boundary;

import static jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters.withParams;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.credential.Password;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.smtpeter.users.control.LoginThrottle;
import org.smtpeter.users.control.Logins;

/**
 * Backs {@code login.xhtml}: asks {@link LoginThrottle} whether this user name and address may
 * try now, hands the typed credential to Jakarta Security and goes on from there. This is the
 * only way in: the form mechanism authenticates nothing but what this page hands it.
 */
@Named
@RequestScoped
public class LoginPage {

    static final String LANDING = "/dashboard/index?faces-redirect=true";

    @Inject
    SecurityContext securityContext;

    @Inject
    LoginThrottle throttle;

    @Inject
    LoginOutcome outcome;

    private String username;
    private String password;
    private String code;
    private boolean codeNeeded;

    public String login() {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        // Counted before the password is hashed: neither parallel tries nor the hashing's cost get past the limit.
        LoginThrottle.Attempt attempt = throttle.begin(username, request.getRemoteAddr());
        if (attempt.refused()) {
            password = null;
            long minutes = throttle.minutesToWait(attempt);
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, "Too many failed logins; try again in "
                    + minutes + (minutes == 1 ? " minute." : " minutes."), null));
            return null;
        }
        // A session id someone else may know from before the login is worth nothing after it.
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        AuthenticationStatus status = securityContext.authenticate(request, (HttpServletResponse) external.getResponse(),
                withParams().newAuthentication(true)
                        .credential(new LoginCredential(username, new Password(password), code)));
        password = null;
        code = null;
        switch (status) {
            case SEND_CONTINUE:
                // Jakarta Security redirects to the page that was asked for before the login.
                throttle.succeeded(attempt);
                faces.responseComplete();
                return null;
            case SUCCESS:
                throttle.succeeded(attempt);
                return LANDING;
            default:
                faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, refusal(), null));
                return null;
        }
    }

    private String refusal() {
        Logins.Outcome why = outcome.get();
        if (why == Logins.Outcome.CODE_NEEDED) {
            codeNeeded = true;
            return "Enter the code from your authenticator app (or a recovery code).";
        }
        if (why == Logins.Outcome.WRONG_CODE) {
            codeNeeded = true;
            return "That code is wrong or was used already.";
        }
        return "Wrong user name or password.";
    }

    public boolean isCodeNeeded() {
        return codeNeeded;
    }

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
