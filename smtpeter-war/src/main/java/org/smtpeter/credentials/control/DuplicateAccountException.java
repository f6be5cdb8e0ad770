package org.smtpeter.credentials.control;

import jakarta.ejb.ApplicationException;

/** An account with this name exists already. */
@ApplicationException(rollback = true)
public class DuplicateAccountException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DuplicateAccountException(String name) {
        super("An account named '" + name + "' exists already");
    }
}
