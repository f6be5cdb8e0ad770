package org.smtpeter.dashboard.boundary;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.smtpeter.dashboard.control.UtcTimes;

/** {@code #{times.format(instant)}} in the pages: UTC, to the second. */
@Named
@ApplicationScoped
public class Times {

    public String format(Instant time) {
        return UtcTimes.format(time);
    }
}
