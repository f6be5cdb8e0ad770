package org.smtpeter.users.control;

import java.util.Optional;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.smtpeter.credentials.control.PasswordHashing;
import org.smtpeter.users.entity.DashboardUser;

/**
 * Checks a login: password, then, for people with two-factor login, the code. Unknown, disabled
 * and not yet activated people pay the same hashing as everyone, so the time tells nothing.
 */
@Stateless
public class Logins {

    public enum Outcome {
        LOGGED_IN, WRONG_PASSWORD, CODE_NEEDED, WRONG_CODE
    }

    public record Result(Outcome outcome, DashboardUser user) {
        public boolean loggedIn() {
            return outcome == Outcome.LOGGED_IN;
        }
    }

    @Inject
    DashboardUsers users;

    @Inject
    PasswordHashing hashing;

    @Inject
    TwoFactor twoFactor;

    public Result check(String username, char[] password, String code) {
        Optional<DashboardUser> found = username == null ? Optional.empty() : users.find(username.strip());
        if (found.isEmpty() || !found.get().isEnabled() || !found.get().hasPassword()) {
            hashing.verifyDecoy(password);
            return new Result(Outcome.WRONG_PASSWORD, null);
        }
        DashboardUser user = found.get();
        if (!hashing.verify(password, user.getPasswordHash())) {
            return new Result(Outcome.WRONG_PASSWORD, null);
        }
        if (user.hasTwoFactor()) {
            if (code == null || code.isBlank()) {
                return new Result(Outcome.CODE_NEEDED, null);
            }
            if (!twoFactor.verify(user, code)) {
                return new Result(Outcome.WRONG_CODE, null);
            }
        }
        return new Result(Outcome.LOGGED_IN, user);
    }
}
