package org.smtpeter.users.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.CustomFormAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;

/**
 * How people log in, all Jakarta Security: a form ({@code /login.xhtml}, see {@link LoginPage})
 * whose credential {@link DashboardIdentityStore} checks (password, and the second factor of those
 * who have one). The group a person logs in with is their role: ADMIN, OWNER or MEMBER.
 */
@ApplicationScoped
@CustomFormAuthenticationMechanismDefinition(loginToContinue = @LoginToContinue(
        loginPage = "/login.xhtml",
        // A redirect, not a forward: the browser then shows and posts to the login page's own URL.
        useForwardToLogin = false,
        errorPage = ""))
public class DashboardSecurity {
}
