package org.smtpeter.users.boundary;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

import org.smtpeter.users.control.Logins;

/** The dashboard's one identity store: {@link Logins} decides, the person's role is their group. */
@ApplicationScoped
public class DashboardIdentityStore implements IdentityStore {

    @Inject
    Logins logins;

    @Inject
    LoginOutcome outcome;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof LoginCredential login)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        Logins.Result result = logins.check(login.getCaller(), login.getPassword().getValue(), login.getCode());
        outcome.set(result.outcome());
        return result.loggedIn()
                ? new CredentialValidationResult(result.user().getUsername(), Set.of(result.user().getRole()))
                : CredentialValidationResult.INVALID_RESULT;
    }
}
