package org.smtpeter.credentials.control;

import jakarta.ejb.ApplicationException;

/** The credential or account to change does not exist (any more). */
@ApplicationException(rollback = true)
public class UnknownCredentialException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnknownCredentialException(String message) {
        super(message);
    }
}
