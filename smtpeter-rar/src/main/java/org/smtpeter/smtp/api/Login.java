package org.smtpeter.smtp.api;

import java.io.Serializable;
import java.util.Objects;

/**
 * A successful AUTH, as the application reported it.
 *
 * @param principal the authenticated user (the credential's user name); it appears in every
 *                  {@link Envelope} of the session
 * @param version   opaque to the adapter: which state of the credential the password was checked
 *                  against. It comes back in {@link SmtpListener#loginStillValid} at each MAIL
 *                  FROM, so a credential changed since the login can be told from one that was not
 */
public record Login(String principal, String version) implements Serializable {

    public Login {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(version, "version");
    }
}
