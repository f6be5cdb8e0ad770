package org.smtpeter.platform.control;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one clock of the application, injected wherever time decides something (retries, expiry,
 * windows, timestamps): UTC with millisecond precision, which every database keeps exactly. Tests
 * replace it with a manual clock; a test relay may be run with
 * {@code smtpeter.testing.clock-offset-file}, whose content (an ISO-8601 duration) is added to
 * the time, so that an integration test moves the relay's time on instead of sleeping.
 */
@ApplicationScoped
public class Clocks {

    static final String OFFSET_FILE_KEY = "smtpeter.testing.clock-offset-file";

    private static final Logger LOG = Logger.getLogger(Clocks.class.getName());

    @Inject
    @ConfigProperty(name = OFFSET_FILE_KEY)
    Optional<String> offsetFile;

    private Clock clock;

    @PostConstruct
    void choose() {
        Clock utc = Clock.tickMillis(ZoneOffset.UTC);
        clock = offsetFile.filter(file -> !file.isBlank()).<Clock>map(file -> {
            LOG.warning(() -> "Test clock: the time is moved on by the duration in " + file + " (" + OFFSET_FILE_KEY
                    + "); never set this in production");
            return new OffsetFileClock(utc, Path.of(file));
        }).orElse(utc);
    }

    @Produces
    public Clock clock() {
        return clock;
    }
}
