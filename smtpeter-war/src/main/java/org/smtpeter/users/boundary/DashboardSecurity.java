package org.smtpeter.users.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.CustomFormAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;
import jakarta.security.enterprise.identitystore.DatabaseIdentityStoreDefinition;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;

/**
 * How dashboard users log in, all Jakarta Security: a form ({@code /login.xhtml}, see
 * {@link LoginPage}) checked against the {@code dashboard_user} table through the application's own
 * data source. The hashes there come from the same PBKDF2 as the SMTP passwords; the encoded form
 * carries algorithm, iterations and salt, so verifying needs no parameters here. The table is
 * created by JPA schema generation at deployment, before anyone can log in.
 */
@ApplicationScoped
@DatabaseIdentityStoreDefinition(
        dataSourceLookup = "jdbc/smtpeter",
        callerQuery = "SELECT password_hash FROM dashboard_user WHERE username = ?",
        groupsQuery = "SELECT role FROM dashboard_user WHERE username = ?",
        hashAlgorithm = Pbkdf2PasswordHash.class)
@CustomFormAuthenticationMechanismDefinition(loginToContinue = @LoginToContinue(
        loginPage = "/login.xhtml",
        // A redirect, not a forward: the browser then shows and posts to the login page's own URL.
        useForwardToLogin = false,
        errorPage = ""))
public class DashboardSecurity {
}
