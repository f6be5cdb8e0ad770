package org.smtpeter.platform.entity;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Stores every {@link Instant} as a TIMESTAMP in UTC. The EclipseLink bundled with Payara 6
 * would otherwise serialize Instants into binary columns, which can be neither compared nor
 * sorted in SQL; fixing the zone keeps the values right whatever the JVM's time zone.
 */
@Converter(autoApply = true)
public class UtcTimestamps implements AttributeConverter<Instant, Timestamp> {

    @Override
    public Timestamp convertToDatabaseColumn(Instant instant) {
        return toTimestamp(instant);
    }

    @Override
    public Instant convertToEntityAttribute(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }

    /** For native queries, which bypass converters. */
    public static Timestamp toTimestamp(Instant instant) {
        return instant == null ? null : Timestamp.valueOf(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }
}
