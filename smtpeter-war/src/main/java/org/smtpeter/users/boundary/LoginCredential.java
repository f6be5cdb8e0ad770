package org.smtpeter.users.boundary;

import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;

/** What the login form sends: user name, password and, for two-factor logins, the code. */
public class LoginCredential extends UsernamePasswordCredential {

    private final String code;

    public LoginCredential(String username, Password password, String code) {
        super(username, password);
        this.code = code;
    }

    public String getCode() {
        return code;
    }
}
