package org.smtpeter.domains.control;

import jakarta.ejb.ApplicationException;

/** No such sender domain in the account; the API answers 404. */
@ApplicationException(rollback = true)
public class UnknownDomainException extends RuntimeException {

    public UnknownDomainException(long id) {
        super("No sender domain " + id);
    }
}
