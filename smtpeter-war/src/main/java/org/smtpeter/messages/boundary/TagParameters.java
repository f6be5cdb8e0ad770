package org.smtpeter.messages.boundary;

import java.util.List;

import jakarta.ws.rs.BadRequestException;

import org.smtpeter.messages.control.TagFilter;

/** The API's {@code tag} query parameter, on every list that can be sliced by tag: 400 for a bad one. */
public final class TagParameters {

    private TagParameters() {
    }

    public static TagFilter parse(List<String> values) {
        try {
            return TagFilter.of(values);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("tag: " + e.getMessage());
        }
    }
}
