package org.smtpeter.unsubscribe.boundary;

import java.util.Set;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import org.smtpeter.tracking.boundary.TrackingHostFilter;

/**
 * The public one-click unsubscribe links under {@code /u}: recipients and their mailbox providers
 * call them without any login or cookie, so no token filter applies, only the check of the Host
 * they are called on. The classes are listed so that neither this application nor the others pick
 * up each other's resources.
 */
@ApplicationPath("u")
public class UnsubscribeApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(UnsubscribeResource.class, TrackingHostFilter.class);
    }
}
