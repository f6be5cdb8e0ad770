package org.smtpeter.domains.control;

import jakarta.ejb.ApplicationException;

/** A request about sender domains that cannot be done as asked; the API answers 400 with the message. */
@ApplicationException(rollback = true)
public class InvalidDomainException extends RuntimeException {

    public InvalidDomainException(String message) {
        super(message);
    }
}
