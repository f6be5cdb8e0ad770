package org.smtpeter.platform.control;

import javax.naming.NamingException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.smtpeter.smtp.api.AdapterStatus;

/**
 * The SMTP resource adapter as the application sees it, the JCA way: an administered object of
 * the adapter, defined in web.xml at {@link AdapterStatus#JNDI_NAME} with the adapter named by
 * {@code smtpeter.ra.name}; the container hands it the adapter instance it belongs to. Beans
 * inject {@link AdapterStatus}; the start-up checks, which run before any bean exists, look it up
 * with {@link #lookup()}.
 */
@ApplicationScoped
public class Adapter {

    /** A new view of the one adapter at each lookup; what it returns is the adapter's own state. */
    @Produces
    AdapterStatus status() {
        return lookup();
    }

    /** @throws IllegalStateException when the adapter is not deployed (or under another name) */
    public static AdapterStatus lookup() {
        try {
            return Jndi.lookup(AdapterStatus.JNDI_NAME, AdapterStatus.class);
        } catch (NamingException notBound) {
            Throwable cause = notBound.getRootCause() != null ? notBound.getRootCause() : notBound;
            throw new IllegalStateException("the SMTP resource adapter cannot be reached at "
                    + AdapterStatus.JNDI_NAME + " (" + cause + ")", notBound);
        }
    }
}
