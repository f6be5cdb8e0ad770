package org.smtpeter.platform.boundary;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import jakarta.ws.rs.BadRequestException;

/** Parses the time query parameters of the API: ISO-8601 instants, 400 for anything else. */
public final class Instants {

    private Instants() {
    }

    /** @return null for an absent or empty parameter */
    public static Instant parse(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new BadRequestException(name + " must be an ISO-8601 instant such as 2026-11-26T12:00:00Z");
        }
    }
}
