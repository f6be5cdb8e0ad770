package org.smtpeter.users.boundary;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.smtpeter.users.control.People;
import org.smtpeter.users.control.PeopleException;
import org.smtpeter.users.control.UserLinks;
import org.smtpeter.users.entity.DashboardUser;
import org.smtpeter.users.entity.UserLink;

/**
 * Backs {@code invitation.xhtml?token=} and {@code reset.xhtml?token=}: whoever holds a working
 * link sets the password of its person, once; then on to the login page.
 */
@Named
@RequestScoped
public class LinkedPasswordPage {

    @Inject
    UserLinks links;

    @Inject
    People people;

    private String token;
    private String password;
    private String repeated;
    private Optional<UserLink> link;

    /** The link's person while the link works; null for a wrong, used or expired link. */
    public DashboardUser personOf(String purpose) {
        if (link == null) {
            link = links.usable(token, UserLink.Purpose.valueOf(purpose));
        }
        return link.map(UserLink::getUser).orElse(null);
    }

    public String accept() {
        return set(UserLink.Purpose.INVITATION);
    }

    public String reset() {
        return set(UserLink.Purpose.RESET);
    }

    private String set(UserLink.Purpose purpose) {
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            if (password == null || !password.equals(repeated)) {
                throw new PeopleException("The two passwords differ.");
            }
            Optional<DashboardUser> person = purpose == UserLink.Purpose.INVITATION
                    ? people.accept(token, password.toCharArray(), address(faces))
                    : people.reset(token, password.toCharArray(), address(faces));
            if (person.isEmpty()) {
                faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                        "This link does not work (any more): it was used, replaced or has expired.", null));
                return null;
            }
            faces.getExternalContext().getFlash().setKeepMessages(true);
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO,
                    "Your password is set. Log in as " + person.get().getUsername() + ".", null));
            return "/login?faces-redirect=true";
        } catch (PeopleException e) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
            return null;
        } finally {
            password = repeated = null;
        }
    }

    private static String address(FacesContext faces) {
        return ((jakarta.servlet.http.HttpServletRequest) faces.getExternalContext().getRequest()).getRemoteAddr();
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getRepeated() {
        return repeated;
    }

    public void setRepeated(String repeated) {
        this.repeated = repeated;
    }
}
