package org.smtpeter.features.control;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;

/**
 * A MIME part (or the whole message: headers and a body, like any part) parsed in place from
 * {@link LocatedBytes}, with the offsets of its headers and of its still-encoded content.
 */
final class LocatedPart extends MimeBodyPart {

    private final int start;

    LocatedPart(LocatedBytes bytes) throws MessagingException {
        super(bytes);
        this.start = bytes.start();
    }

    /** Where the part's headers begin. */
    int start() {
        return start;
    }

    /** Where the content begins, after the blank line that ends the headers. */
    int contentStart() throws MessagingException {
        return located().start();
    }

    /** Just past the content (a multipart's boundary line and the line break before it excluded). */
    int contentEnd() throws MessagingException {
        return located().end();
    }

    LocatedBytes located() throws MessagingException {
        if (contentStream instanceof LocatedBytes bytes) {
            return bytes;
        }
        throw new MessagingException("part content was copied instead of located");
    }
}
