package org.smtpeter.features.control;

import java.io.InputStream;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;

import org.smtpeter.messages.control.Located;
import org.smtpeter.messages.control.LocatedBytes;
import org.smtpeter.messages.control.LocatedFile;

/**
 * A MIME part (or the whole message: headers and a body, like any part) parsed in place from a
 * {@link Located} view, with the offsets of its headers and of its still-encoded content.
 */
final class LocatedPart extends MimeBodyPart {

    private final long start;

    /** @param view a {@link Located} shared stream ({@link LocatedBytes} or {@link LocatedFile}) */
    LocatedPart(InputStream view) throws MessagingException {
        super(view);
        if (!(view instanceof Located located)) {
            throw new MessagingException("part is not a located view");
        }
        this.start = located.start();
    }

    /** Where the part's headers begin. */
    long start() {
        return start;
    }

    /** Where the content begins, after the blank line that ends the headers. */
    long contentStart() throws MessagingException {
        return located().start();
    }

    /** Just past the content (a multipart's boundary line and the line break before it excluded). */
    long contentEnd() throws MessagingException {
        return located().end();
    }

    Located located() throws MessagingException {
        if (contentStream instanceof Located located) {
            return located;
        }
        throw new MessagingException("part content was copied instead of located");
    }
}
