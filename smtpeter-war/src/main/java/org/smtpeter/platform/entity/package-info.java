/**
 * Persistence pieces shared by every entity: the id drawn from the schema's one sequence
 * ({@link org.smtpeter.platform.entity.IdentifiedEntity}), the creation time of the entities
 * that keep one ({@link org.smtpeter.platform.entity.CreatedEntity}), and the converter that
 * stores each {@code Instant} as a UTC timestamp.
 */
package org.smtpeter.platform.entity;
