package org.smtpeter.tracking.boundary;

import java.util.Set;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The public tracking endpoints under {@code /t}, apart from the admin API: recipients' mail
 * clients call them, so no token filter applies here, only the check of the Host they are called
 * on. The classes are listed so that neither application picks up the other's resources.
 */
@ApplicationPath("t")
public class TrackingApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(TrackingResource.class, TrackingHostFilter.class);
    }
}
