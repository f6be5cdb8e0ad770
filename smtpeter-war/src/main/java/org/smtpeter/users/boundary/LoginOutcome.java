package org.smtpeter.users.boundary;

import jakarta.enterprise.context.RequestScoped;

import org.smtpeter.users.control.Logins;

/** Why the identity store said no in this request, for the login page to say it: Jakarta Security only says "invalid". */
@RequestScoped
public class LoginOutcome {

    private Logins.Outcome outcome;

    void set(Logins.Outcome outcome) {
        this.outcome = outcome;
    }

    Logins.Outcome get() {
        return outcome;
    }
}
