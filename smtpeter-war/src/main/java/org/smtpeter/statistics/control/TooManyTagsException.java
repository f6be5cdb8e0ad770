package org.smtpeter.statistics.control;

import jakarta.ejb.ApplicationException;

/**
 * Series per tag were asked for without naming the tags, and the range has more of them than one
 * answer carries. An application exception, so that it reaches the caller as itself (a 400, a notice
 * on the page) instead of wrapped as a server error.
 */
@ApplicationException
public class TooManyTagsException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public TooManyTagsException(int max) {
        super("The range has more than " + max + " tags; choose the ones to compare");
    }
}
