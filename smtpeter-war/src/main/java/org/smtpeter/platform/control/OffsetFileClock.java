package org.smtpeter.platform.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A clock ahead of another by the duration written in a file (none while the file does not
 * exist), read at every call so that a test's change applies at once. For test relays only: see
 * {@link Clocks}.
 */
final class OffsetFileClock extends Clock {

    private final Clock base;
    private final Path file;

    OffsetFileClock(Clock base, Path file) {
        this.base = base;
        this.file = file;
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset());
    }

    private Duration offset() {
        try {
            return Duration.parse(Files.readString(file).strip());
        } catch (NoSuchFileException e) {
            return Duration.ZERO;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new OffsetFileClock(base.withZone(zone), file);
    }
}
