package org.smtpeter.users.control;

import jakarta.ejb.ApplicationException;

/** A change to the dashboard's people that cannot be made, with the reason to show; nothing was changed. */
@ApplicationException(rollback = true)
public class PeopleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PeopleException(String message) {
        super(message);
    }
}
