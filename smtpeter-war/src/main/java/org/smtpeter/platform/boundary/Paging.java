package org.smtpeter.platform.boundary;

import jakarta.ws.rs.BadRequestException;

/** Checks the {@code offset} and {@code limit} query parameters every list accepts. */
public record Paging(int offset, int limit) {

    public static final int MAX_LIMIT = 500;

    public static Paging of(int offset, int limit) {
        if (offset < 0 || limit < 1 || limit > MAX_LIMIT) {
            throw new BadRequestException("offset must be >= 0 and limit between 1 and " + MAX_LIMIT);
        }
        return new Paging(offset, limit);
    }
}
