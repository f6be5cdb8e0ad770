package org.smtpeter.features.control;

import java.io.InputStream;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePartDataSource;

import org.smtpeter.messages.control.Located;

/** A multipart whose body parts are {@link LocatedPart}s. */
final class LocatedMultipart extends MimeMultipart {

    LocatedMultipart(LocatedPart container) throws MessagingException {
        super(new MimePartDataSource(container));
    }

    LocatedPart part(int index) throws MessagingException {
        return (LocatedPart) getBodyPart(index);
    }

    /** Called by the parser with a shared view of each part, headers included. */
    @Override
    protected MimeBodyPart createMimeBodyPart(InputStream part) throws MessagingException {
        if (part instanceof Located) {
            return new LocatedPart(part);
        }
        throw new MessagingException("multipart content is not a shared stream");
    }
}
