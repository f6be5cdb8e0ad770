package org.smtpeter.dashboard.boundary;

import java.io.Serializable;

import org.smtpeter.credentials.control.NewCredential;

/**
 * A password in clear, on its way to the one page that shows it. It lives in the view only until
 * the next action on that page, and is never read from the database again: it is not there.
 *
 * @param event "created" or "rotated"
 */
public record OneTimePassword(String username, String password, String event) implements Serializable {

    static OneTimePassword of(NewCredential credential, String event) {
        return new OneTimePassword(credential.credential().getUsername(), credential.password(), event);
    }
}
